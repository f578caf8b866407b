package org.mlp4j.engine.kernel;

/**
 * Single-threaded kernels for the slices of a data-parallel step, one instance per slice, run at the same time on
 * different threads, that may share the read-only work they would each repeat on a set of <em>shared operands</em>:
 * arrays (a network's weights) that every slice reads as {@code B} of its {@link Kernels#gemm GEMMs} and that do not
 * change while the slices run.
 *
 * <p>The vector kernels pack each shared {@code op(B)} once per step into panels all slices read, the slices that
 * reach it first splitting the copying between them, instead of every slice packing its own copy (with two
 * threads, each weight matrix was packed twice for the forward pass and twice more, transposed, for the input
 * gradients). A slice never waits for a slice that has not started packing, so a slice whose thread the OS has not
 * scheduled does not hold the others up, and one thread may run every slice in turn. The scalar kernels share
 * nothing. Sharing changes no result: the panels are the same copies, read in the same order.
 *
 * <p>The owner calls {@link #sharedChanged()} after any shared operand may have changed (an optimizer step, a
 * restored checkpoint) and before the slices next run; between two such calls the kernels may reuse what they made
 * from the operands' contents.
 */
public interface KernelSlices {

    /** How many slices. */
    int parts();

    /** The single-threaded kernels of slice {@code part}, {@code 0 <= part < parts()}; the same instance every call. */
    Kernels part(int part);

    /** Declares that the shared operands may have changed since the slices last ran. */
    void sharedChanged();

    /** Slices that share nothing: {@code parts} single-threaded kernels of {@code choice}. */
    static KernelSlices independent(String choice, int parts) {
        Kernels[] kernels = new Kernels[parts];
        for (int p = 0; p < parts; p++) {
            kernels[p] = KernelsProvider.create(choice, 1);
        }
        return of(kernels, () -> { });
    }

    /**
     * Slices over the given kernels (one per slice, kept, not copied), with {@code sharedChanged} run by
     * {@link #sharedChanged()}: an implementation's way to say what it drops when the shared operands change.
     */
    static KernelSlices of(Kernels[] kernels, Runnable sharedChanged) {
        return new KernelSlices() {
            @Override
            public int parts() {
                return kernels.length;
            }

            @Override
            public Kernels part(int part) {
                return kernels[part];
            }

            @Override
            public void sharedChanged() {
                sharedChanged.run();
            }
        };
    }
}

import org.mlp4j.examples.DeepBsde;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * One jar's side of {@link PairedDeepBsde}: runs of the deep BSDE example ({@code mlp4j example deep-bsde}, seed 1)
 * of a given number of iterations, each from a fresh model. Compiled against one jar, loaded once per jar, each copy
 * in its own class loader with that jar's engine.
 */
public final class DeepBsdeWorkload {
    private final int threads;
    private final int iterations;

    public DeepBsdeWorkload(int threads, int iterations) {
        this.threads = threads;
        this.iterations = iterations;
    }

    public String kernels() {
        return KernelsProvider.create(threads).describe();
    }

    /** Milliseconds per iteration of one run (the training loop's wall time, validation every 100 iterations included). */
    public double msPerIteration() {
        return DeepBsde.run(iterations, 1, threads, line -> { }).msPerIteration();
    }
}

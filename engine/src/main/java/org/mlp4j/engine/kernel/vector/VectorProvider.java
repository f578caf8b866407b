package org.mlp4j.engine.kernel.vector;

import org.mlp4j.engine.kernel.KernelSlices;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.VectorSupport;

/** The Vector API package behind {@link VectorSupport}; instantiated once by {@code KernelsProvider}. */
public final class VectorProvider implements VectorSupport {
    private final VectorPeak peak = new VectorPeak();

    /** Called reflectively, once. */
    public VectorProvider() {
    }

    @Override
    public int lanes() {
        return KernelShape.L;
    }

    @Override
    public int registers() {
        return KernelShape.REGISTERS;
    }

    @Override
    public String tile() {
        return KernelShape.MR + "×" + KernelShape.NR;
    }

    @Override
    public Kernels kernels(int threads) {
        return new VectorKernels(threads);
    }

    /**
     * One-thread vector kernels per slice, whose packed GEMMs read the shared operands' panels from one
     * {@link SharedPanels}: each weight matrix is packed once per step for all slices rather than once per slice.
     */
    @Override
    public KernelSlices slices(int parts, float[][] shared) {
        SharedPanels panels = new SharedPanels(shared);
        Kernels[] kernels = new Kernels[parts];
        for (int p = 0; p < parts; p++) {
            kernels[p] = new VectorKernels(1, panels);
        }
        return KernelSlices.of(kernels, panels::changed);
    }

    @Override
    public FmaLoop fmaLoop() {
        return peak;
    }
}

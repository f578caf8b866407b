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

    @Override
    public KernelSlices slices(int parts, float[][] shared) {
        return new VectorSlices(parts, shared);
    }

    @Override
    public FmaLoop fmaLoop() {
        return peak;
    }
}

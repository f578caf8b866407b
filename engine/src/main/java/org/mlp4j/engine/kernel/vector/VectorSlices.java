package org.mlp4j.engine.kernel.vector;

import org.mlp4j.engine.kernel.KernelSlices;
import org.mlp4j.engine.kernel.Kernels;

/**
 * One-thread vector kernels per slice, whose packed GEMMs read the shared operands' panels from one
 * {@link SharedPanels}: each weight matrix is packed once per step for all slices rather than once per slice.
 */
final class VectorSlices implements KernelSlices {
    private final SharedPanels panels;
    private final VectorKernels[] kernels;

    VectorSlices(int parts, float[][] shared) {
        panels = new SharedPanels(shared);
        kernels = new VectorKernels[parts];
        for (int p = 0; p < parts; p++) {
            kernels[p] = new VectorKernels(1, panels);
        }
    }

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
        panels.changed();
    }
}

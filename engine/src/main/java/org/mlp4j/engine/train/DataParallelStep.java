package org.mlp4j.engine.train;

import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.KernelSlices;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.Shares;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * A step with the batch split into contiguous slices, one per thread, each through single-threaded kernels. The
 * slices' kernels share their packing of the parameters ({@link KernelSlices}): each weight matrix is packed once per
 * step. The split and the summation order depend only on the thread count, so a run is bit-identical for a given
 * thread count. Batches too small to split run whole.
 *
 * <p>For a plain network the step runs in phases, one hand-off each: every slice's forward pass and output delta,
 * then for each layer from the top down, the layer's weight gradient {@code dW = Σₛ Xₛᵀ·dZₛ} split by its rows
 * across the threads (part p computes rows of dW from every slice's input and delta, slice 0 first and each later
 * slice added to it with β = 1, the order in which per-slice gradients used to be summed — the same bits while a
 * slice's rows fit one KC block) together with part p's own slice's bias gradient and delta of the layer below. So
 * no thread writes a whole weight gradient of its own and nothing sums them afterwards: with per-slice gradients
 * each step wrote and read back {@code threads} copies of every weight matrix (for 784-1024-1024-10 on two threads,
 * 14 MB written and 14 MB read a step), and the weight gradients' GEMMs ran over a slice's rows instead of the
 * batch's. Other networks (batch normalisation) run each slice's whole pass into gradients of its own, summed in
 * slice order.
 */
final class DataParallelStep implements BatchStep {
    /** Below this many rows per thread a batch runs whole (GEMM-parallel): slices too thin to pay for the split. */
    static final int MIN_ROWS_PER_SLICE = 16;

    private final Network network;
    private final Kernels kernels;
    private final float[][] parameters;
    private final float[][] gradients;
    private final DropoutMasks dropout;
    private final GradientTransform transform;
    private final Optimizer optimizer;
    private final WholeBatchStep whole;
    private final WorkerPool pool = WorkerPool.shared();
    private final SliceTask sliceTask = new SliceTask();
    private final LayerTask layerTask = new LayerTask();
    /** Whether the weight gradients are computed jointly (see the class note): plain networks. */
    private final boolean jointWeights;
    private final ReduceTask reduceTask = new ReduceTask();
    private final UpdateTask updateTask = new UpdateTask();
    private final GradientTransform.RangeSum reduce = this::reduce;
    private Backprop[] slices;
    private KernelSlices sliceKernels;
    private long correct;

    DataParallelStep(Network network, Kernels kernels, float[][] parameters, float[][] gradients, DropoutMasks dropout,
                     GradientTransform transform, Optimizer optimizer, WholeBatchStep whole) {
        this.network = network;
        this.kernels = kernels;
        this.parameters = parameters;
        this.gradients = gradients;
        this.dropout = dropout;
        this.transform = transform;
        this.optimizer = optimizer;
        this.whole = whole;
        this.jointWeights = network.isPlain();
    }

    /**
     * Whether steps split the batch across threads rather than splitting each GEMM.
     * {@code -Dmlp4j.train.parallel=data|gemm|auto}; auto picks data-parallel for the vector kernels on more than one
     * thread (measured faster on both benchmark networks, see the README).
     */
    static boolean chosenFor(Kernels kernels) {
        String mode = org.mlp4j.engine.kernel.KernelSettings.trainParallel();
        switch (mode) {
            case "gemm": return false;
            case "data": return kernels.threads() > 1;
            case "auto": return kernels.threads() > 1 && kernels.name().equals("vector");
            default: throw new AssertionError(mode); // KernelSettings accepts only the three words
        }
    }

    @Override
    public int capacity() {
        return whole.capacity();
    }

    @Override
    public void allocate(int rows) {
        whole.allocate(rows);
        int parts = kernels.threads();
        slices = new Backprop[parts];
        updateTask.penalty = new double[parts];
        // the parameters are every slice's GEMM operands and change only between steps: packed once per step
        sliceKernels = KernelsProvider.slices(kernels.name(), parts, parameters);
        for (int p = 0; p < parts; p++) {
            float[][] own = new float[gradients.length][];
            for (int i = 0; i < own.length; i++) {
                own[i] = new float[joint(i) ? 0 : gradients[i].length];
            }
            slices[p] = new Backprop(network, sliceKernels.part(p), (rows + parts - 1) / parts, own, dropout.rates);
        }
    }

    @Override
    public double run(Dataset data, Targets targets, int[] order, int from, int count, double learningRate) {
        if (count < slices.length * MIN_ROWS_PER_SLICE) {
            double loss = whole.run(data, targets, order, from, count, learningRate);
            correct = whole.correct();
            return loss;
        }
        sliceKernels.sharedChanged(); // the last step's update, or anything the caller did since
        sliceTask.set(data, targets, order, from, count);
        double loss = 0;
        try {
            pool.run(slices.length, sliceTask);
            if (jointWeights) {
                for (int l = network.layers().size() - 1; l >= 0; l--) {
                    layerTask.layer = l;
                    pool.run(slices.length, layerTask);
                }
            }
        } finally {
            sliceTask.clear();
        }
        correct = 0;
        for (Backprop b : slices) {
            loss += b.loss;
            correct += b.correct;
        }
        if (optimizer.elementwise() && !transform.clips()) {
            // clipping needs the global norm first; without it every rule is element-wise, so each thread sums
            // its range of the gradients and updates that range of the parameters while it is in cache
            optimizer.beginStep();
            updateTask.learningRate = (float) learningRate;
            pool.run(slices.length, updateTask);
            for (double p : updateTask.penalty) {
                loss += p;
            }
            return loss;
        }
        pool.run(slices.length, reduceTask);
        loss += transform.regularize(learningRate);
        optimizer.step(parameters, gradients, (float) learningRate, kernels);
        return loss;
    }

    @Override
    public long correct() {
        return correct;
    }

    /**
     * Whether gradient array {@code i} is computed jointly into the trainer's array ({@link LayerTask}): a plain
     * network's weights, the even arrays of {@code W1, b1, W2, b2, …}. The slices keep only the others.
     */
    private boolean joint(int i) {
        return jointWeights && i % 2 == 0;
    }

    /**
     * Sums the slices' gradients into the trainer's range {@code [lo, hi)} of array {@code i}, slice 0 first; a joint
     * weight gradient is already there.
     */
    private void reduce(int i, int lo, int hi) {
        if (joint(i)) {
            return;
        }
        float[] sum = gradients[i];
        System.arraycopy(slices[0].gradients[i], lo, sum, lo, hi - lo);
        for (int s = 1; s < slices.length; s++) {
            float[] g = slices[s].gradients[i];
            for (int j = lo; j < hi; j++) {
                sum[j] += g[j];
            }
        }
    }

    /** Runs slice {@code part} of the current batch; reused, so a step allocates nothing. */
    private final class SliceTask implements WorkerPool.PartTask {
        private Dataset data;
        private Targets targets;
        private int[] order;
        private int from;
        private int count;

        void set(Dataset data, Targets targets, int[] order, int from, int count) {
            this.data = data;
            this.targets = targets;
            this.order = order;
            this.from = from;
            this.count = count;
        }

        void clear() {
            data = null;
            targets = null;
            order = null;
        }

        @Override
        public void run(int part, int parts) {
            int first = Shares.start(count, part, parts);
            int last = Shares.start(count, part + 1, parts);
            if (jointWeights) {
                slices[part].forward(data, targets, order, from, first, last - first, count, dropout.masks);
            } else {
                slices[part].run(data, targets, order, from, first, last - first, count, dropout.masks);
            }
        }
    }

    /**
     * One layer's backward phase of a plain network: part p computes rows of the layer's weight gradient (whole
     * blocks of 8, the tile height of every kernel shape, split evenly) from all slices, then its own slice's bias
     * gradient and the delta below. Reused, so a step allocates nothing.
     */
    private final class LayerTask implements WorkerPool.PartTask {
        int layer;

        @Override
        public void run(int part, int parts) {
            DenseLayer d = network.layers().get(layer);
            int inputs = d.inputs();
            int units = d.units();
            int blocks = (inputs + 7) / 8;
            int r0 = Math.min(inputs, Shares.start(blocks, part, parts) * 8);
            int r1 = Math.min(inputs, Shares.start(blocks, part + 1, parts) * 8);
            Kernels k = slices[part].kernels;
            float[] dW = gradients[2 * layer];
            for (int s = 0; r0 < r1 && s < slices.length; s++) {
                Backprop b = slices[s];
                // rows r0..r1 of Xₛᵀ·dZₛ: columns r0..r1 of the slice's input
                k.gemm(true, false, r1 - r0, units, b.rows(), 1f, b.layerInput(layer), r0, inputs,
                        b.delta(layer), 0, units, s == 0 ? 0f : 1f, dW, r0 * units, units);
            }
            slices[part].backwardBelow(layer);
        }
    }

    /** Sums the slices' gradients: each thread a contiguous range of every array. */
    private final class ReduceTask implements WorkerPool.PartTask {
        @Override
        public void run(int part, int parts) {
            for (int i = 0; i < gradients.length; i++) {
                int n = gradients[i].length;
                reduce(i, Shares.start(n, part, parts), Shares.start(n, part + 1, parts));
            }
        }
    }

    /** {@link GradientTransform#updateRange} on each thread's range; each part's L2 share is added up in part order. */
    private final class UpdateTask implements WorkerPool.PartTask {
        float learningRate;
        double[] penalty = new double[0];

        @Override
        public void run(int part, int parts) {
            penalty[part] = transform.updateRange(part, parts, learningRate, reduce, optimizer);
        }
    }
}

package org.mlp4j.engine;

import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Prediction and evaluation in chunks of rows, through one {@link Workspace} borrowed from the network (kept there for
 * the next call; a call that fails leaves it to the garbage collector).
 */
final class Inference {
    /** Rows per forward pass: large enough for efficient GEMMs, small enough to stay in cache. */
    static final int CHUNK = 1024;

    private final Network network;
    private final Kernels kernels;

    Inference(Network network, Kernels kernels) {
        this.network = network;
        this.kernels = kernels;
    }

    float[] outputs(float[] x, int rows) {
        int in = network.inputs();
        int out = network.outputs();
        if ((long) rows * in > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + in + " features need " + (long) rows * in
                    + " values, got " + x.length);
        }
        float[] result = new float[Math.multiplyExact(rows, out)];
        Workspace ws = network.borrowWorkspace(Math.max(1, Math.min(rows, CHUNK)));
        for (int r = 0; r < rows; r += CHUNK) {
            int n = Math.min(CHUNK, rows - r);
            ws.forward(kernels, x, r * in, n);
            System.arraycopy(ws.output(), 0, result, r * out, n * out);
        }
        network.returnWorkspace(ws);
        return result;
    }

    /** The predicted class per row: arg-max, or {@code ≥ 0.5} for a single output unit. */
    static int[] classes(float[] outputs, int rows, int width) {
        int[] c = new int[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = Network.predictedClass(outputs, i * width, width);
        }
        return c;
    }

    Evaluation evaluate(Dataset data) {
        int in = network.inputs();
        int out = network.outputs();
        if (data.featureCount() != in) {
            throw new IllegalArgumentException("the network takes " + in + " features, the data has " + data.featureCount());
        }
        if (!data.hasTargets()) {
            throw new IllegalArgumentException("evaluation needs labelled data");
        }
        Targets targets = Targets.of(data, out);
        int rows = data.rows();
        Workspace ws = network.borrowWorkspace(Math.max(1, Math.min(rows, CHUNK)));
        float[] y = new float[ws.capacity() * out];
        int classes = data.isClassification() ? data.classCount() : 0;
        int[][] confusion = data.isClassification() ? new int[classes][classes] : null;
        double lossSum = 0;
        DenseLayer last = network.layers().get(network.layers().size() - 1);
        for (int r = 0; r < rows; r += CHUNK) {
            int n = Math.min(CHUNK, rows - r);
            ws.forward(kernels, data.features(), r * in, n);
            targets.copyRows(r, n, y);
            lossSum += kernels.loss(network.loss(), last.activation(), ws.logits(), ws.output(), y, n, out) * n;
            if (confusion != null) {
                for (int i = 0; i < n; i++) {
                    confusion[data.labels()[r + i]][Network.predictedClass(ws.output(), i * out, out)]++;
                }
            }
        }
        network.returnWorkspace(ws);
        return new Evaluation(rows == 0 ? Double.NaN : lossSum / rows, confusion,
                data.isClassification() ? data.classNames() : null);
    }
}

package org.mlp4j.engine.graph;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;

/**
 * An independent double-precision forward pass of a layer stack, straight from the definitions (Keras's batch
 * normalisation: biased batch variance in training, moving statistics otherwise), for finite-difference checks.
 */
final class DoubleStack {
    /** One element the reference reads with an added double-precision offset (central differences). */
    static float[] perturbed;
    static int perturbedIndex;
    static double offset;

    private DoubleStack() {
    }

    /** {@code a[i]}, plus the offset when it is the perturbed element. */
    static double v(float[] a, int i) {
        return a == perturbed && i == perturbedIndex ? a[i] + offset : a[i];
    }

    static double[][] forward(Network net, double[][] x, boolean training) {
        double[][] a = x;
        for (Layer layer : net.stack()) {
            int rows = a.length;
            int units = layer.units();
            double[][] z = new double[rows][units];
            if (layer instanceof DenseLayer d) {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < units; j++) {
                        double s = d.hasBias() ? v(d.bias(), j) : 0;
                        for (int i = 0; i < d.inputs(); i++) {
                            s += a[r][i] * v(d.weights(), i * units + j);
                        }
                        z[r][j] = s;
                    }
                }
            } else {
                BatchNormLayer bn = (BatchNormLayer) layer;
                for (int j = 0; j < units; j++) {
                    double mean = bn.movingMean()[j];
                    double var = bn.movingVariance()[j];
                    if (training) {
                        mean = 0;
                        for (double[] row : a) {
                            mean += row[j];
                        }
                        mean /= rows;
                        var = 0;
                        for (double[] row : a) {
                            var += (row[j] - mean) * (row[j] - mean);
                        }
                        var /= rows;
                    }
                    for (int r = 0; r < rows; r++) {
                        z[r][j] = v(bn.gamma(), j) * (a[r][j] - mean) / Math.sqrt(var + bn.epsilon()) + v(bn.beta(), j);
                    }
                }
            }
            for (double[] row : z) {
                activate(layer.activation(), layer.alpha(), row);
            }
            a = z;
        }
        return a;
    }

    static void activate(Activation f, float alpha, double[] z) {
        if (f == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                z[j] = Math.exp(z[j] - max);
                sum += z[j];
            }
            for (int j = 0; j < z.length; j++) {
                z[j] /= sum;
            }
            return;
        }
        for (int j = 0; j < z.length; j++) {
            z[j] = apply(f, alpha, z[j]);
        }
    }

    static double apply(Activation f, float alpha, double v) {
        return switch (f) {
            case IDENTITY -> v;
            case RELU -> Math.max(0, v);
            case LEAKY_RELU -> v > 0 ? v : alpha * v;
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case TANH -> Math.tanh(v);
            default -> throw new IllegalArgumentException(f.toString());
        };
    }

    static double[][] rows(float[] x, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = x[r * cols + c];
            }
        }
        return m;
    }
}

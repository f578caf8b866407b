package org.mlp4j.engine;

/**
 * An independent double-precision forward pass and loss, written straight from the definitions of {@link Loss},
 * used to check the engine's float gradients by central finite differences.
 */
final class DoubleReference {
    private DoubleReference() {
    }

    /** The network's loss on rows of x/y, all arithmetic in double. */
    static double loss(Network net, float[] x, float[] y, int rows) {
        double total = 0;
        int k = net.outputs();
        for (int r = 0; r < rows; r++) {
            double[] a = new double[net.inputs()];
            for (int i = 0; i < a.length; i++) {
                a[i] = x[r * net.inputs() + i];
            }
            double[] z = null;
            for (DenseLayer layer : net.layers()) {
                z = new double[layer.units()];
                for (int j = 0; j < layer.units(); j++) {
                    double s = layer.bias()[j];
                    for (int i = 0; i < layer.inputs(); i++) {
                        s += a[i] * layer.weights()[i * layer.units() + j];
                    }
                    z[j] = s;
                }
                a = activate(layer, z);
            }
            for (int j = 0; j < k; j++) {
                double t = y[r * k + j];
                switch (net.loss()) {
                    case MSE: total += (a[j] - t) * (a[j] - t); break;
                    case HALF_SSE: total += 0.5 * (a[j] - t) * (a[j] - t); break;
                    case BCE: total -= t * Math.log(a[j]) + (1 - t) * Math.log(1 - a[j]); break;
                    case CE: total -= t * Math.log(a[j]); break;
                    default: throw new AssertionError();
                }
            }
        }
        return net.loss() == Loss.MSE ? total / ((double) rows * k) : total / rows;
    }

    private static double[] activate(DenseLayer layer, double[] z) {
        double[] a = new double[z.length];
        if (layer.activation() == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j] - max);
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) {
                a[j] /= sum;
            }
            return a;
        }
        for (int j = 0; j < z.length; j++) {
            double v = z[j];
            switch (layer.activation()) {
                case IDENTITY: a[j] = v; break;
                case SIGMOID: a[j] = 1 / (1 + Math.exp(-v)); break;
                case TANH: a[j] = Math.tanh(v); break;
                case RELU: a[j] = Math.max(0, v); break;
                case LEAKY_RELU: a[j] = v > 0 ? v : layer.alpha() * v; break;
                default: throw new AssertionError();
            }
        }
        return a;
    }
}

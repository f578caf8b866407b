package org.mlp4j.spark;

import org.mlp4j.engine.Rng;
import org.mlp4j.engine.data.Dataset;

/** A smooth regression target: y = sin(2x₀) + x₁·x₂ + noise, x uniform in [-1, 1]. */
final class Waves {
    private Waves() {
    }

    static Dataset data(int rows, int features, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[rows * features];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < features; j++) {
                x[r * features + j] = (float) (2 * rng.nextDouble() - 1);
            }
            y[r] = (float) (Math.sin(2 * x[r * features]) + x[r * features + 1] * x[r * features + 2]
                    + 0.02 * (rng.nextDouble() - 0.5));
        }
        return Dataset.regression(x, rows, features, y, 1);
    }
}

package org.mlp4j.engine.data;

import org.mlp4j.engine.Rng;

/**
 * Seeded synthetic classification sets for tests and demos; the same seed gives the same rows. They live in the
 * engine (not in {@code mlp4j-datasets}, which names them {@code xor}, {@code spirals}, {@code blobs}) so that the
 * engine's own tests learn on the very same sets.
 * <ul>
 *   <li>{@code xor}: points around the four corners of the unit square, labelled by the XOR of their corner;</li>
 *   <li>{@code spirals}: the cs231n set of interleaved spiral arms, one class per arm;</li>
 *   <li>{@code blobs}: isotropic Gaussian clusters (scikit-learn's {@code make_blobs}), one class per centre.</li>
 * </ul>
 */
public final class Synthetic {
    private Synthetic() {
    }

    /** {@code rows} points: each a corner of {0,1}² plus N(0, 0.1²) noise; label = x₀ XOR x₁ of the corner. */
    public static Dataset xor(int rows, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[rows * 2];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            int a = i & 1;
            int b = (i >> 1) & 1;
            x[2 * i] = (float) (a + rng.nextGaussian() * 0.1);
            x[2 * i + 1] = (float) (b + rng.nextGaussian() * 0.1);
            labels[i] = a ^ b;
        }
        return Dataset.classification(x, rows, 2, labels, 2);
    }

    /** {@code classes} spiral arms of {@code perClass} points each, radius 0..1, angle noise N(0, 0.2²). */
    public static Dataset spirals(int perClass, int classes, long seed) {
        Rng rng = new Rng(seed);
        int rows = perClass * classes;
        float[] x = new float[rows * 2];
        int[] labels = new int[rows];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int r = c * perClass + i;
                double radius = (double) i / perClass;
                double theta = c * 4.0 + 4.0 * radius + rng.nextGaussian() * 0.2;
                x[2 * r] = (float) (radius * Math.sin(theta));
                x[2 * r + 1] = (float) (radius * Math.cos(theta));
                labels[r] = c;
            }
        }
        return Dataset.classification(x, rows, 2, labels, classes);
    }

    /**
     * {@code rows} points in {@code features} dimensions around {@code classes} centres drawn uniformly from
     * [−10, 10]^features, with standard deviation 1; rows cycle through the classes.
     */
    public static Dataset blobs(int rows, int features, int classes, long seed) {
        Rng rng = new Rng(seed);
        double[] centres = new double[classes * features];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rng.nextDouble() * 20 - 10;
        }
        float[] x = new float[rows * features];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = r % classes;
            labels[r] = c;
            for (int f = 0; f < features; f++) {
                x[r * features + f] = (float) (centres[c * features + f] + rng.nextGaussian());
            }
        }
        return Dataset.classification(x, rows, features, labels, classes);
    }
}

package org.mlp4j.spark.train;

import java.util.List;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;

/**
 * A network's parameters as one float vector ({@code W1, b1, W2, b2, …}, each row-major as the engine keeps them),
 * the unit the driver broadcasts, averages and updates.
 */
public final class FlatParameters {
    private FlatParameters() {
    }

    /** The engine's parameter arrays of {@code network}, live, in the optimizer's order. */
    public static float[][] arrays(Network network) {
        List<DenseLayer> layers = network.layers();
        float[][] p = new float[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            p[2 * l] = layers.get(l).weights();
            p[2 * l + 1] = layers.get(l).bias();
        }
        return p;
    }

    public static int length(float[][] arrays) {
        long n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        return Math.toIntExact(n);
    }

    public static float[] flatten(float[][] arrays) {
        float[] flat = new float[length(arrays)];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, flat, at, a.length);
            at += a.length;
        }
        return flat;
    }

    /** Copies {@code flat} into {@code arrays} (which must add up to its length). */
    public static void unflatten(float[] flat, float[][] arrays) {
        if (flat.length != length(arrays)) {
            throw new IllegalArgumentException(flat.length + " values for " + length(arrays) + " parameters");
        }
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(flat, at, a, 0, a.length);
            at += a.length;
        }
    }

    /** A network built by {@code config} holding the parameters {@code flat}. */
    public static Network network(TrainingConfig config, float[] flat) {
        Network net = config.newNetwork();
        unflatten(flat, arrays(net));
        return net;
    }
}

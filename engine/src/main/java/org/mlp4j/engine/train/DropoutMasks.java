package org.mlp4j.engine.train;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;

/**
 * The inverted-dropout masks of a batch, one per hidden layer with a rate above 0: drawn on the training thread for
 * every row of the batch in a fixed order before the batch is split, so the same seed gives the same masks whichever
 * way (and on however many threads) the batch then runs.
 */
final class DropoutMasks {
    private final Network network;
    /** Per layer (the output layer's is always 0). */
    final float[] rates;
    /** Per layer: {@code rows × units} factors, 0 (dropped) or {@code 1/(1−p)}; null for a layer without dropout. */
    final float[][] masks;

    /** {@code perHiddenLayer}: one rate for every hidden layer, or one per hidden layer (missing ones: 0). */
    DropoutMasks(Network network, double[] perHiddenLayer) {
        this.network = network;
        int depth = network.layers().size();
        rates = new float[depth];
        for (int l = 0; l < depth - 1; l++) {
            rates[l] = (float) (perHiddenLayer.length == 1 ? perHiddenLayer[0]
                    : l < perHiddenLayer.length ? perHiddenLayer[l] : 0);
        }
        masks = new float[depth][];
    }

    /** Room for batches of up to {@code rows} rows. */
    void allocate(int rows) {
        for (int l = 0; l < masks.length; l++) {
            if (rates[l] > 0) {
                masks[l] = new float[rows * network.layers().get(l).units()];
            }
        }
    }

    /** Draws the masks of the first {@code count} rows, layer by layer, row-major. */
    void draw(Rng rng, int count) {
        for (int l = 0; l < masks.length; l++) {
            float p = rates[l];
            if (p == 0f) {
                continue;
            }
            float keep = 1f / (1f - p);
            float[] mask = masks[l];
            for (int i = 0, n = count * network.layers().get(l).units(); i < n; i++) {
                mask[i] = rng.nextDouble() < p ? 0f : keep;
            }
        }
    }
}

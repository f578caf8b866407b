package org.mlp4j.engine;

import org.mlp4j.engine.data.Dataset;

/**
 * The target rows a network with {@code width} outputs is trained against: the dataset's own targets, or — for a
 * two-class set and a single sigmoid output — the class index (0 or 1) as a one-column target.
 */
public final class Targets {
    private final float[] values;
    private final int width;

    private Targets(float[] values, int width) {
        this.values = values;
        this.width = width;
    }

    public static Targets of(Dataset data, int width) {
        if (!data.hasTargets()) {
            throw new IllegalArgumentException("the data has no labels or targets");
        }
        if (data.targetWidth() == width) {
            return new Targets(data.targets(), width);
        }
        if (width == 1 && data.isClassification() && data.classCount() == 2) {
            float[] y = new float[data.rows()];
            for (int i = 0; i < y.length; i++) {
                y[i] = data.labels()[i];
            }
            return new Targets(y, 1);
        }
        throw new IllegalArgumentException("the network has " + width + " outputs but the data has "
                + (data.isClassification() ? data.classCount() + " classes" : data.targetWidth() + " target columns"));
    }

    public int width() {
        return width;
    }

    /** Copies rows {@code [from, from+count)} into {@code dst} from index 0. */
    public void copyRows(int from, int count, float[] dst) {
        System.arraycopy(values, from * width, dst, 0, count * width);
    }

    /** Copies the rows {@code order[from..from+count)} into {@code dst} from index 0. */
    public void gatherRows(int[] order, int from, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(values, order[from + r] * width, dst, r * width, width);
        }
    }
}

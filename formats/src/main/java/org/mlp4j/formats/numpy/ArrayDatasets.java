package org.mlp4j.formats.numpy;

import org.mlp4j.engine.data.ClassLabels;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Turns a feature array and a label array, however a file held them ({@link NumpyDatasets},
 * {@code org.mlp4j.formats.pickle.PickleDatasets}), into a {@link Dataset}.
 * Features are flattened per row ({@code (N, 784, 1)} and {@code (N, 28, 28)} both become {@code N × 784}) and
 * converted to float32. Labels become class indices when they are whole numbers in
 * {@code [0, MAX_CLASSES)} or one-hot rows ({@code (N, 10)} or {@code (N, 10, 1)}), and regression targets
 * otherwise or when {@link LabelKind#REGRESSION} is asked for.
 */
public final class ArrayDatasets {
    /** Label values at or above this are taken as regression targets, not class indices. */
    public static final int MAX_CLASSES = 4096;

    private ArrayDatasets() {
    }

    /**
     * The dataset of features {@code x} and labels {@code y}, as the class comment describes.
     *
     * @param x     the features: the first axis is the rows
     * @param xName where {@code x} is in the file ({@code key 'x'}, {@code element [0]}), for errors
     * @param y     the labels or targets, one row per row of {@code x}; null: unlabelled
     * @param yName where {@code y} is in the file
     * @param file  the file's name, for errors
     * @param kind  how labels become targets (null: {@link LabelKind#AUTO})
     * @throws org.mlp4j.formats.DataFormatException when the shapes do not fit, or before allocating more than
     *         {@link MemoryBudget} allows
     */
    public static Dataset build(NdArray x, String xName, NdArray y, String yName, String file, LabelKind kind) {
        kind = kind == null ? LabelKind.AUTO : kind;
        if (x.rank() == 0) {
            throw new DataFormatException(file, xName, "features must have a row axis; found the scalar " + x);
        }
        int rows = (int) x.dim(0);
        int featureCount = rowWidth(x, file, xName);
        MemoryBudget.check(file, xName, 4.0 * x.size(), NdArray.shapeString(x.shape()) + " features as float32");
        float[] features = x.toFloatArray();
        if (y == null) {
            return Dataset.unlabeled(features, rows, featureCount);
        }
        if (y.rank() == 0 || y.dim(0) != rows) {
            throw new DataFormatException(file, yName, "expected labels for the " + rows + " rows of "
                    + xName + " " + NdArray.shapeString(x.shape()) + "; found " + y);
        }
        int width = rowWidth(y, file, yName);
        if (kind != LabelKind.REGRESSION) {
            // One-hot rows wider than MAX_CLASSES are not taken as classes: (0, 2e9) would name 2e9 classes.
            int[] labels = width == 1 ? indices(y) : width <= MAX_CLASSES ? oneHot(y, rows, width) : null;
            if (labels != null && width == 1) {
                ClassLabels classes = ClassLabels.of(labels);
                return Dataset.classification(features, rows, featureCount, classes.labels(), classes.names());
            }
            if (labels != null) {
                return Dataset.classification(features, rows, featureCount, labels, width);
            }
            if (kind == LabelKind.CLASSIFICATION) {
                throw new DataFormatException(file, yName, width == 1
                        ? "class labels must be whole numbers in [0, " + MAX_CLASSES + "); found " + firstNonClass(y)
                        : "class labels of shape " + NdArray.shapeString(y.shape()) + " must be one-hot rows");
            }
        }
        MemoryBudget.check(file, yName, 4.0 * y.size(), NdArray.shapeString(y.shape()) + " targets as float32");
        return Dataset.regression(features, rows, featureCount, y.toFloatArray(), width);
    }

    /** Values per row: the product of all but the first dimension (which may be 0 rows of a huge shape). */
    private static int rowWidth(NdArray a, String file, String name) {
        long p = 1;
        for (int i = 1; i < a.rank(); i++) {
            p *= a.dim(i); // each dimension is below 2^31: checked per step, so no overflow
            if (p > Integer.MAX_VALUE) {
                throw new DataFormatException(file, name, "rows of " + NdArray.shapeString(a.shape())
                        + " hold more values than one row can");
            }
        }
        return (int) p;
    }

    private static boolean isClass(double v) {
        return v >= 0 && v < MAX_CLASSES && v == Math.rint(v);
    }

    private static int[] indices(NdArray y) {
        int[] out = new int[y.size()];
        for (int i = 0; i < out.length; i++) {
            double v = y.getDouble(i);
            if (!isClass(v)) {
                return null;
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static String firstNonClass(NdArray y) {
        for (int i = 0; i < y.size(); i++) {
            if (!isClass(y.getDouble(i))) {
                return y.getDouble(i) + " at index " + i;
            }
        }
        return "nothing";
    }

    private static int[] oneHot(NdArray y, int rows, int width) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            for (int c = 0; c < width; c++) {
                double v = y.getDouble(r * width + c);
                if (v == 1 && hot < 0) {
                    hot = c;
                } else if (v != 0) {
                    return null;
                }
            }
            if (hot < 0) {
                return null;
            }
            out[r] = hot;
        }
        return out;
    }
}

package org.mlp4j.cli;

import java.util.HashSet;
import java.util.Set;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;

/**
 * Data whose rows all carry the same class: nothing a classifier can learn, and almost always a label read from
 * the wrong column (a NumPy {@code np.column_stack([X, y])} saved without a header puts the label last, while a
 * headerless CSV's label is column 0 — often an all-zero pixel). The message says which column probably holds the
 * labels.
 */
final class OneClassData {
    /** A column with at most this many distinct whole numbers may be a label column. */
    static final int MAX_LABEL_VALUES = 1000;

    private OneClassData() {
    }

    /** Whether every row of {@code d} has one and the same class. */
    static boolean isOneClass(Dataset d) {
        if (!d.isClassification() || d.rows() == 0) {
            return false;
        }
        int first = d.labels()[0];
        for (int l : d.labels()) {
            if (l != first) {
                return false;
            }
        }
        return true;
    }

    /** The explanation for one-class data {@code d} read from {@code spec} with {@code request}, for training. */
    static String explain(Dataset d, String spec, ReadOptions request) {
        return explain(d, spec, request, true);
    }

    /** As above; {@code training} says there is nothing to learn, else only that the labels look wrong. */
    static String explain(Dataset d, String spec, ReadOptions request, boolean training) {
        String name = d.classNames().get(d.labels()[0]);
        StringBuilder sb = new StringBuilder(spec + ": every row has the same label ('" + name + "'"
                + (request.labelColumn() != null ? ", from --label-column " + request.labelColumn() : "")
                + ")" + (training ? ", so there is only one class and nothing to learn" : ""));
        String hint = hint(d, request);
        sb.append(hint != null ? "; " + hint
                : "; if the labels are elsewhere, name them with --label-column (CSV: a header name, a 0-based "
                + "index or 'last') or --y-key (pickle, .npz); for regression use --target-columns");
        return sb.toString();
    }

    /**
     * Which column probably holds the labels: the last one when the label was taken from column 0 (the default
     * without a header), the first when it was taken from the last; null when neither looks like labels.
     */
    private static String hint(Dataset d, ReadOptions r) {
        String label = r.labelColumn();
        int features = d.featureCount();
        if ((label == null || label.strip().equals("0")) && looksLikeLabels(d, features - 1)) {
            return "the last column looks like class labels (" + distinct(d, features - 1)
                    + " distinct whole numbers): did you mean --label-column last?";
        }
        if (label != null && label.strip().equalsIgnoreCase("last") && looksLikeLabels(d, 0)) {
            return "the first column looks like class labels (" + distinct(d, 0)
                    + " distinct whole numbers): did you mean --label-column 0?";
        }
        return null;
    }

    /** Whole numbers only, at least two distinct values, fewer than the rows (not an id) and not too many. */
    static boolean looksLikeLabels(Dataset d, int feature) {
        if (feature < 0 || feature >= d.featureCount()) {
            return false;
        }
        int n = distinct(d, feature);
        return n >= 2 && n < d.rows() && n <= MAX_LABEL_VALUES;
    }

    /** Distinct values of a feature column, or 0 when one of them is not a whole number. */
    private static int distinct(Dataset d, int feature) {
        Set<Float> seen = new HashSet<>();
        float[] x = d.features();
        int w = d.featureCount();
        for (int i = 0; i < d.rows(); i++) {
            float v = x[i * w + feature];
            if (v != Math.rint(v)) {
                return 0;
            }
            if (seen.add(v) && seen.size() > MAX_LABEL_VALUES) {
                return seen.size();
            }
        }
        return seen.size();
    }
}

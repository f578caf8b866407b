package org.mlp4j.report;

/**
 * Per-class precision, recall, F1 and support from a confusion matrix, with the macro average (every class counts
 * the same) and the weighted average (by support), as scikit-learn's {@code classification_report}. A class never
 * predicted has precision 0, one without rows recall 0 (scikit-learn's {@code zero_division=0}).
 */
final class ClassMetrics {
    final double[] precision;
    final double[] recall;
    final double[] f1;
    final long[] support;
    final long total;
    final double accuracy;

    ClassMetrics(int[][] confusion) {
        int k = confusion.length;
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        support = new long[k];
        long correct = 0;
        long all = 0;
        for (int c = 0; c < k; c++) {
            long predicted = 0;
            for (int t = 0; t < k; t++) {
                predicted += confusion[t][c];
                support[c] += confusion[c][t];
            }
            int tp = confusion[c][c];
            correct += tp;
            all += support[c];
            precision[c] = predicted == 0 ? 0 : tp / (double) predicted;
            recall[c] = support[c] == 0 ? 0 : tp / (double) support[c];
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
        }
        total = all;
        accuracy = all == 0 ? Double.NaN : correct / (double) all;
    }

    /** {precision, recall, f1} averaged over classes, each class counting once. */
    double[] macro() {
        return new double[] {mean(precision), mean(recall), mean(f1)};
    }

    /** {precision, recall, f1} averaged over classes weighted by support. */
    double[] weighted() {
        double[] w = new double[3];
        if (total == 0) {
            return w;
        }
        for (int c = 0; c < precision.length; c++) {
            double s = support[c] / (double) total;
            w[0] += s * precision[c];
            w[1] += s * recall[c];
            w[2] += s * f1[c];
        }
        return w;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}

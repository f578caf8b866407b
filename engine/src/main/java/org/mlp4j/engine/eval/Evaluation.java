package org.mlp4j.engine.eval;

import java.util.List;

/**
 * The result of evaluating a network on labelled data: mean loss (the network's loss convention), and for
 * classification the accuracy, the confusion matrix (rows = true class, columns = predicted class) and
 * per-class precision, recall and F1.
 */
public final class Evaluation {
    private final double loss;
    private final int[][] confusion;
    private final List<String> classNames;

    public Evaluation(double loss, int[][] confusion, List<String> classNames) {
        this.loss = loss;
        this.confusion = confusion;
        this.classNames = classNames;
    }

    public double loss() { return loss; }

    public boolean isClassification() { return confusion != null; }

    /** {@code confusion()[true][predicted]}: a copy. */
    public int[][] confusion() {
        if (confusion == null) {
            return null;
        }
        int[][] c = new int[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    public List<String> classNames() { return classNames; }

    public long total() {
        long n = 0;
        if (confusion != null) {
            for (int[] row : confusion) {
                for (int v : row) {
                    n += v;
                }
            }
        }
        return n;
    }

    /** Fraction of rows whose predicted class is the true one; NaN for regression or no rows. */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return (double) correct / total;
    }

    /** Of the rows predicted as {@code c}, the fraction truly {@code c} (0 when none was predicted, as scikit-learn). */
    public double precision(int c) {
        long predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the rows truly {@code c}, the fraction predicted as {@code c} (0 when the class has no rows). */
    public double recall(int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** Harmonic mean of precision and recall (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Rows truly of class {@code c}. */
    public long support(int c) {
        long actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual;
    }
}

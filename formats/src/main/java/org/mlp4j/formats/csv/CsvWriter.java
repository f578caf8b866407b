package org.mlp4j.formats.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Writes a dataset as CSV (atomically) that {@link CsvReader} reads back to the same values: features, plus the
 * class label (by class name) or the regression targets, first or last; an optional header ({@code label},
 * {@code x0…} unless names are given). Integral values are written as integers ({@code 0}, {@code 255}, like
 * MNIST as CSV), others with {@link Float#toString}, which round-trips exactly. Non-finite values are refused.
 */
public final class CsvWriter {
    /** Where the label (or target) columns go. */
    public enum LabelPosition { NONE, FIRST, LAST }

    private CsvWriter() {
    }

    /**
     * Writes {@code data} to {@code file}.
     *
     * @param header       whether to write a header row
     * @param label        where the label or target columns go ({@code NONE} for features only)
     * @param featureNames header names of the features, or null for {@code x0, x1, …}
     */
    public static void write(Path file, Dataset data, boolean header, LabelPosition label, List<String> featureNames)
            throws IOException {
        int cols = data.featureCount();
        if (featureNames != null && featureNames.size() != cols) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + cols + " features");
        }
        if (label != LabelPosition.NONE && !data.hasTargets()) {
            throw new IllegalArgumentException("the dataset has no labels or targets to write");
        }
        AtomicFiles.write(file, out -> writeTo(out, data, header, label, featureNames));
    }

    /** Features and labels (if any, last), with a header. */
    public static void write(Path file, Dataset data) throws IOException {
        write(file, data, true, data.hasTargets() ? LabelPosition.LAST : LabelPosition.NONE, null);
    }

    private static void writeTo(OutputStream out, Dataset data, boolean header, LabelPosition label,
                                List<String> featureNames) throws IOException {
        int cols = data.featureCount();
        boolean classes = data.isClassification();
        int targetWidth = label == LabelPosition.NONE ? 0 : classes ? 1 : data.targetWidth();
        byte[][] classNames = null;
        if (classes && label != LabelPosition.NONE) {
            classNames = new byte[data.classCount()][];
            for (int c = 0; c < classNames.length; c++) {
                classNames[c] = cell(data.classNames().get(c)).getBytes(StandardCharsets.UTF_8);
            }
        }
        if (header) {
            List<String> names = new ArrayList<>();
            List<String> labelNames = new ArrayList<>();
            for (int t = 0; t < targetWidth; t++) {
                labelNames.add(classes ? "label" : targetWidth == 1 ? "target" : "target" + t);
            }
            if (label == LabelPosition.FIRST) {
                names.addAll(labelNames);
            }
            for (int c = 0; c < cols; c++) {
                names.add(cell(featureNames != null ? featureNames.get(c) : "x" + c));
            }
            if (label == LabelPosition.LAST) {
                names.addAll(labelNames);
            }
            out.write((String.join(",", names) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        float[] x = data.features();
        float[] y = data.targets();
        int[] labels = data.labels();
        byte[] line = new byte[64];
        for (int r = 0; r < data.rows(); r++) {
            int n = 0;
            // Sized for the worst case: every float is at most 15 characters plus a comma.
            int need = (cols + targetWidth) * 16 + (classNames == null ? 0 : maxLength(classNames)) + 2;
            if (line.length < need) {
                line = new byte[need];
            }
            boolean first = true;
            if (label == LabelPosition.FIRST) {
                n = writeLabel(line, n, r, classNames, labels, y, targetWidth);
                first = false;
            }
            for (int c = 0; c < cols; c++) {
                if (!first) {
                    line[n++] = ',';
                }
                first = false;
                n = writeFloat(line, n, x[r * cols + c], r, c);
            }
            if (label == LabelPosition.LAST) {
                line[n++] = ',';
                n = writeLabel(line, n, r, classNames, labels, y, targetWidth);
            }
            line[n++] = '\n';
            out.write(line, 0, n);
        }
    }

    private static int writeLabel(byte[] line, int n, int r, byte[][] classNames, int[] labels, float[] y, int width) {
        if (classNames != null) {
            byte[] name = classNames[labels[r]];
            System.arraycopy(name, 0, line, n, name.length);
            return n + name.length;
        }
        for (int t = 0; t < width; t++) {
            if (t > 0) {
                line[n++] = ',';
            }
            n = writeFloat(line, n, y[r * width + t], r, -1);
        }
        return n;
    }

    private static int writeFloat(byte[] line, int n, float v, int row, int col) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("row " + row + (col >= 0 ? ", feature " + col : ", target")
                    + " is " + v + ", which CSV readers cannot read back");
        }
        if (v == (int) v && Math.abs(v) < 1e9f && !(v == 0f && 1 / v < 0)) {
            int i = (int) v;
            if (i < 0) {
                line[n++] = '-';
                i = -i;
            }
            if (i == 0) {
                line[n++] = '0';
                return n;
            }
            int start = n;
            while (i > 0) {
                line[n++] = (byte) ('0' + i % 10);
                i /= 10;
            }
            for (int a = start, b = n - 1; a < b; a++, b--) {
                byte t = line[a];
                line[a] = line[b];
                line[b] = t;
            }
            return n;
        }
        String s = Float.toString(v);
        for (int k = 0; k < s.length(); k++) {
            line[n++] = (byte) s.charAt(k);
        }
        return n;
    }

    private static int maxLength(byte[][] names) {
        int m = 0;
        for (byte[] b : names) {
            m = Math.max(m, b.length);
        }
        return m;
    }

    /** A text cell, quoted when it holds a comma, a quote or a line break. */
    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}

package org.mlp4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.eval.Evaluation;

/** Human-readable reports: accuracy, the confusion matrix and per-class precision/recall/F1. */
final class Reports {
    private Reports() {
    }

    static void evaluation(PrintStream out, String title, Evaluation e, long rows) {
        evaluation(out, title, e, rows, null);
    }

    /** As above; a regression evaluation also prints {@code regression}'s RMSE, MAE and R² when given. */
    static void evaluation(PrintStream out, String title, Evaluation e, long rows, RegressionMetrics regression) {
        if (!e.isClassification()) {
            out.printf(Locale.ROOT, "%s: loss %.6f on %d rows%n", title, e.loss(), rows);
            if (regression != null) {
                regression.lines().forEach(out::println);
            }
            return;
        }
        out.printf(Locale.ROOT, "%s: accuracy %.4f, loss %.6f on %d rows%n", title, e.accuracy(), e.loss(), rows);
        List<String> names = e.classNames();
        int[][] c = e.confusion();
        // cells are at most 10 wide (longer class names are abbreviated in the header: "T-shirt/…"); the row
        // labels take the longest name in full
        int w = 5;
        int labelWidth = 5;
        for (String n : names) {
            w = Math.max(w, Math.min(n.length(), 9) + 1);
            labelWidth = Math.max(labelWidth, n.length() + 1);
        }
        for (int[] row : c) {
            for (int v : row) {
                w = Math.max(w, Integer.toString(v).length() + 1);
            }
        }
        out.println();
        out.println("confusion matrix (rows = true class, columns = predicted class):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "s", ""));
        for (String n : names) {
            header.append(String.format(Locale.ROOT, "%" + w + "s", abbreviate(n, w - 1)));
        }
        out.println(header);
        for (int i = 0; i < c.length; i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%" + labelWidth + "s", names.get(i)));
            for (int v : c[i]) {
                line.append(String.format(Locale.ROOT, "%" + w + "d", v));
            }
            out.println(line);
        }
        out.println();
        int nw = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        out.printf(Locale.ROOT, "%-" + nw + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1", "support");
        for (int i = 0; i < names.size(); i++) {
            out.printf(Locale.ROOT, "%-" + nw + "s  %9.4f  %9.4f  %9.4f  %7d%n", names.get(i), e.precision(i), e.recall(i),
                    e.f1(i), e.support(i));
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}

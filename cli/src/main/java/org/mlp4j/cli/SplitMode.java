package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.data.Dataset;

/**
 * How {@code --validation-split} and {@code --test-split} choose the rows they hold out: {@code last} takes the last
 * rows in file order (Keras's {@code validation_split}, the default), {@code shuffle} a seeded random sample
 * (scikit-learn's {@code train_test_split(shuffle=True)}), {@code stratified} the same fraction of every class
 * ({@code stratify=y}). Both parts keep the file's row order.
 */
enum SplitMode {
    LAST, SHUFFLE, STRATIFIED;

    /** Mixed into the run's seed so the split does not reuse the initialisation's random numbers. */
    private static final long SPLIT_SEED = 0x5EED_5B17L;

    static SplitMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--split-mode must be last, shuffle or stratified, got '" + s + "'");
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code d} split into {@code [kept, heldOut]}, holding out {@code fraction} of the rows (rounded; for
     * {@code stratified}, rounded per class). {@code salt} tells the test split's sample from the validation split's.
     */
    Dataset[] split(Dataset d, double fraction, long seed, long salt, String flag) {
        int n = d.rows();
        if (this == LAST) {
            // kept = round(n·(1−F)), as before split modes existed, so existing runs stay bit-identical
            int keep = (int) Math.round(n * (1 - fraction));
            return parts(d, keep, n, flag);
        }
        boolean[] held = new boolean[n];
        Rng rng = new Rng(seed ^ SPLIT_SEED ^ salt * 0x9E3779B97F4A7C15L);
        if (this == SHUFFLE) {
            choose(allRows(n), (int) Math.round(n * fraction), rng, held);
        } else {
            if (!d.isClassification()) {
                throw new UsageException("--split-mode stratified needs class labels; the data is "
                        + (d.hasTargets() ? "regression" : "unlabelled") + " (use shuffle or last)");
            }
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < d.classCount(); c++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                byClass.get(d.labels()[i]).add(i);
            }
            for (List<Integer> rows : byClass) {
                int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
                choose(r, (int) Math.round(r.length * fraction), rng, held);
            }
        }
        int heldCount = 0;
        for (boolean h : held) {
            heldCount += h ? 1 : 0;
        }
        int[] keptRows = new int[n - heldCount];
        int[] heldRows = new int[heldCount];
        for (int i = 0, k = 0, h = 0; i < n; i++) {
            if (held[i]) {
                heldRows[h++] = i;
            } else {
                keptRows[k++] = i;
            }
        }
        check(keptRows.length, heldRows.length, flag);
        return new Dataset[] {d.subset(keptRows), d.subset(heldRows)};
    }

    private static Dataset[] parts(Dataset d, int keep, int n, String flag) {
        check(keep, n - keep, flag);
        return new Dataset[] {d.slice(0, keep), d.slice(keep, n)};
    }

    private static void check(int kept, int held, String flag) {
        if (kept == 0 || held == 0) {
            throw new UsageException(flag + " leaves " + (kept == 0 ? "no rows to train on" : "no rows to hold out")
                    + " (" + kept + " kept, " + held + " held out)");
        }
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    /** Marks {@code count} of {@code rows}, drawn without replacement (a partial Fisher–Yates shuffle). */
    private static void choose(int[] rows, int count, Rng rng, boolean[] held) {
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(rows.length - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
            held[rows[i]] = true;
        }
    }
}

package org.mlp4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.report.html.Html;
import org.mlp4j.report.images.ImageShape;
import org.mlp4j.report.images.Pngs;

/**
 * The sections for image inputs: the misclassified rows (most confident mistakes first), a few rows of every
 * class, and the first layer's weights drawn as images (one per hidden unit, as Nielsen and cs231n show them).
 */
final class ImageSections {
    /** Mistakes shown at most. */
    static final int GALLERY = 48;
    /** Rows shown per class. */
    static final int PER_CLASS = 10;
    /** Classes shown in the samples section at most. */
    static final int CLASSES = 30;
    /** First-layer units drawn at most. */
    static final int UNITS = 64;

    private ImageSections() {
    }

    static void gallery(Html h, Dataset d, Predictions p, ImageShape shape, double[] range) {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < d.rows(); i++) {
            if (p.predicted[i] != d.labels()[i]) {
                wrong.add(i);
            }
        }
        // most confident first; ties by row, so the page is the same on every run
        wrong.sort(Comparator.<Integer>comparingDouble(i -> -p.confidence[i]).thenComparingInt(i -> i));
        List<String> names = d.classNames();
        h.open("section", "id", "misclassified");
        h.element("h2", String.format(Locale.ROOT, "Misclassified (%,d of %,d rows; the %d most confident mistakes)",
                wrong.size(), d.rows(), Math.min(GALLERY, wrong.size())));
        h.open("div", "class", "grid");
        for (int i : wrong.subList(0, Math.min(GALLERY, wrong.size()))) {
            h.open("figure", "class", "mistake");
            h.empty("img", "src", Pngs.grey(d.features(), (long) i * d.featureCount(), shape, range[0], range[1]),
                    "alt", "row " + i);
            h.open("figcaption");
            h.text("true ").element("span", names.get(d.labels()[i]), "class", "true").empty("br");
            h.open("span", "class", "bad").text("pred ").element("span", names.get(p.predicted[i]), "class", "pred")
                    .close("span").empty("br");
            h.element("span", String.format(Locale.ROOT, "%.1f%%", 100 * p.confidence[i]), "class", "conf");
            h.empty("br").text("row " + i);
            h.close("figcaption");
            h.close("figure");
        }
        h.close("div");
        if (wrong.isEmpty()) {
            h.element("p", "No row was misclassified.", "class", "note");
        }
        h.close("section");
    }

    static void samples(Html h, Dataset d, ImageShape shape, double[] range) {
        List<String> names = d.classNames();
        int classes = Math.min(CLASSES, names.size());
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < d.rows(); i++) {
            int c = d.labels()[i];
            if (c < classes && rows.get(c).size() < PER_CLASS) {
                rows.get(c).add(i);
            }
        }
        h.open("section", "id", "samples");
        h.element("h2", "Samples per class (the first " + PER_CLASS + " rows of each)");
        for (int c = 0; c < classes; c++) {
            h.open("div", "class", "row");
            h.element("span", names.get(c), "class", "label", "title", names.get(c));
            for (int i : rows.get(c)) {
                h.empty("img", "src", Pngs.grey(d.features(), (long) i * d.featureCount(), shape, range[0], range[1]),
                        "alt", names.get(c) + ", row " + i);
            }
            h.close("div");
        }
        if (names.size() > classes) {
            h.element("p", "… and " + (names.size() - classes) + " more classes.", "class", "note");
        }
        h.close("section");
    }

    static void firstLayerWeights(Html h, Network net, ImageShape shape) {
        DenseLayer first = net.layers().get(0);
        if (first.inputs() != shape.pixels()) {
            return;
        }
        int units = Math.min(UNITS, first.units());
        h.open("section", "id", "weights");
        h.element("h2", String.format(Locale.ROOT, "First-layer weights (%d of %d units, %s each)", units,
                first.units(), shape));
        h.open("div", "class", "grid");
        for (int u = 0; u < units; u++) {
            h.open("figure", "class", "w");
            h.empty("img", "src", Pngs.diverging(first.weights(), u, first.units(), shape), "alt", "unit " + u);
            h.element("figcaption", "unit " + u);
            h.close("figure");
        }
        h.close("div");
        h.element("p", "Each image is one hidden unit's incoming weights, laid out as the input image: red positive, "
                + "blue negative, white zero (scaled per unit).", "class", "note");
        h.close("section");
    }

    /** The raw feature range {lo, hi}, so every image is drawn on the same grey scale. */
    static double[] range(Dataset d) {
        float[] x = d.features();
        long n = (long) d.rows() * d.featureCount();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (long i = 0; i < n; i++) {
            float v = x[(int) i];
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        return n == 0 ? new double[] {0, 1} : new double[] {Math.min(lo, 0), hi};
    }
}

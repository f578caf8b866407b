package org.mlp4j.report;

import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.report.charts.ConfusionHeatMap;
import org.mlp4j.report.charts.Svg;
import org.mlp4j.report.html.Html;

/** The confusion matrix as a heat map and the per-class precision, recall, F1 and support table. */
final class ClassificationSection {
    private ClassificationSection() {
    }

    static void write(Html h, Evaluation e, String dataName) {
        List<String> names = e.classNames();
        int[][] confusion = e.confusion();
        ClassMetrics m = new ClassMetrics(confusion);
        h.open("section", "id", "classification");
        h.element("h2", String.format(Locale.ROOT, "Evaluation on %s: accuracy %.4f, loss %s", dataName, m.accuracy,
                org.mlp4j.report.summary.Numbers.number(e.loss())));
        h.open("div", "class", "two");
        int side = Math.max(480, Math.min(900, 200 + 36 * names.size()));
        h.open("div", "class", "chart square", "id", "confusion")
                .raw(Svg.of(ConfusionHeatMap.of(confusion, names), side, side)).close("div");
        h.open("table", "id", "per-class");
        h.open("tr").element("th", "class").element("th", "precision", "class", "n").element("th", "recall", "class", "n")
                .element("th", "f1-score", "class", "n").element("th", "support", "class", "n").close("tr");
        for (int c = 0; c < names.size(); c++) {
            metricRow(h, names.get(c), m.precision[c], m.recall[c], m.f1[c], m.support[c], null);
        }
        double[] macro = m.macro();
        double[] weighted = m.weighted();
        h.open("tr", "class", "total").element("td", "accuracy").element("td", "").element("td", "")
                .element("td", f(m.accuracy), "class", "n").element("td", Long.toString(m.total), "class", "n").close("tr");
        metricRow(h, "macro avg", macro[0], macro[1], macro[2], m.total, "total");
        metricRow(h, "weighted avg", weighted[0], weighted[1], weighted[2], m.total, "total");
        h.close("table");
        h.close("div");
        h.element("p", "Rows are the true class, columns the predicted class; each cell holds its count and is "
                + "coloured by its share of the true class's rows.", "class", "note");
        h.close("section");
    }

    private static void metricRow(Html h, String name, double p, double r, double f1, long support, String cls) {
        if (cls == null) {
            h.open("tr");
        } else {
            h.open("tr", "class", cls);
        }
        h.element("td", name).element("td", f(p), "class", "n").element("td", f(r), "class", "n")
                .element("td", f(f1), "class", "n").element("td", Long.toString(support), "class", "n");
        h.close("tr");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

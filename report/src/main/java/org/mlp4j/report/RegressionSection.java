package org.mlp4j.report;

import java.util.Locale;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.RegressionErrors;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.report.charts.RegressionCharts;
import org.mlp4j.report.html.Html;

/**
 * For regression: RMSE, MAE and R² per target, and per target (up to {@link #TARGETS}) predicted-vs-true and
 * residual scatter plots with the residual distribution.
 */
final class RegressionSection {
    /** Targets drawn at most. */
    static final int TARGETS = 4;

    private RegressionSection() {
    }

    static void write(Html h, ModelFile mf, Dataset d, Predictions p, String dataName) {
        int w = d.targetWidth();
        float[] y = d.targets();
        h.open("section", "id", "regression");
        h.element("h2", String.format(Locale.ROOT, "Evaluation on %s (%,d rows)", dataName, d.rows()));
        h.open("table", "id", "regression-metrics");
        h.open("tr").element("th", "target").element("th", "RMSE", "class", "n").element("th", "MAE", "class", "n")
                .element("th", "R²", "class", "n").close("tr");
        RegressionErrors errors = RegressionErrors.of(p.outputs, y, d.rows(), w);
        for (int c = 0; c < w; c++) {
            h.open("tr").element("td", target(mf, c)).element("td", g(errors.rmse()[c]), "class", "n")
                    .element("td", g(errors.mae()[c]), "class", "n").element("td", g(errors.r2()[c]), "class", "n")
                    .close("tr");
        }
        h.close("table");
        for (int c = 0; c < Math.min(TARGETS, w); c++) {
            h.open("div", "class", "charts");
            String name = target(mf, c);
            CurvesSection.chart(h, RegressionCharts.predictedVsTrue(name, y, p.outputs, d.rows(), w, c));
            CurvesSection.chart(h, RegressionCharts.residuals(name, y, p.outputs, d.rows(), w, c));
            CurvesSection.chart(h, RegressionCharts.residualHistogram(name, y, p.outputs, d.rows(), w, c));
            h.close("div");
        }
        if (d.rows() > RegressionCharts.MAX_POINTS) {
            h.element("p", String.format(Locale.ROOT, "The scatter plots draw every %d-th row (%,d points at most); "
                    + "the metrics and the histogram use all rows.",
                    (d.rows() + RegressionCharts.MAX_POINTS - 1) / RegressionCharts.MAX_POINTS,
                    RegressionCharts.MAX_POINTS), "class", "note");
        }
        h.close("section");
    }

    /**
     * A target's name: the model's target names when it records them, else its training settings'
     * {@code targetColumns}, else its index.
     */
    private static String target(ModelFile mf, int c) {
        if (mf.targetNames() != null && mf.targetNames().size() > c) {
            return mf.targetNames().get(c);
        }
        Object cols = mf.training().get("targetColumns");
        if (cols instanceof java.util.List && ((java.util.List<?>) cols).size() > c) {
            return String.valueOf(((java.util.List<?>) cols).get(c));
        }
        return "output " + c;
    }

    private static String g(double v) {
        return org.mlp4j.report.summary.Numbers.number(v);
    }
}

package org.mlp4j.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.report.charts.Curves;
import org.mlp4j.report.charts.Svg;
import org.mlp4j.report.html.Html;

/** Loss, accuracy and learning rate per epoch; a note instead when there is no history. */
final class CurvesSection {
    private CurvesSection() {
    }

    static void write(Html h, List<EpochStats> history) {
        h.open("section", "id", "curves");
        h.element("h2", "Training curves");
        if (history.isEmpty()) {
            h.element("p", "No training history: the model file carries none and no --history CSV was given.",
                    "class", "note");
        } else {
            h.open("div", "class", "charts");
            chart(h, Curves.loss(history));
            chart(h, Curves.accuracy(history));
            chart(h, Curves.learningRate(history));
            h.close("div");
        }
        h.close("section");
    }

    static void chart(Html h, JFreeChart chart) {
        if (chart != null) {
            h.open("div", "class", "chart").raw(Svg.of(chart, 600, 340)).close("div");
        }
    }
}

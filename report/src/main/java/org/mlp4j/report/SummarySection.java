package org.mlp4j.report;

import java.util.Locale;
import java.util.Map;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.report.html.Html;
import org.mlp4j.report.summary.ModelSummary;
import org.mlp4j.report.summary.Numbers;
import org.mlp4j.report.summary.Scaling;

/** The model summary (Keras's table), then the loss, classes, input scaling, training settings and metrics. */
final class SummarySection {
    private SummarySection() {
    }

    static void write(Html h, ModelFile mf) {
        ModelSummary s = ModelSummary.of(mf.network());
        h.open("section", "id", "summary");
        h.element("h2", "Model summary");
        h.open("div", "class", "two");
        h.open("table", "class", "summary");
        h.open("tr");
        h.element("th", "Layer (type)").element("th", "Output shape").element("th", "Activation")
                .element("th", "Param #", "class", "n");
        h.close("tr");
        for (ModelSummary.Row r : s.rows()) {
            h.open("tr");
            h.element("td", r.name() + " (" + r.type() + ")").element("td", r.outputShape())
                    .element("td", r.activation()).element("td", String.format(Locale.ROOT, "%,d", r.parameters()), "class", "n");
            h.close("tr");
        }
        h.open("tr", "class", "total");
        h.element("td", "Total params").element("td", "").element("td", "")
                .element("td", String.format(Locale.ROOT, "%,d", s.totalParameters()), "class", "n");
        h.close("tr");
        h.close("table");
        h.open("table", "class", "settings");
        row(h, "loss", mf.network().loss().id());
        if (mf.classNames() != null) {
            row(h, "classes", mf.classNames().size() + ": " + String.join(", ", mf.classNames()));
        }
        row(h, "input scaling", Scaling.describe(mf.normalization()));
        h.close("table");
        h.close("div");
        h.open("div", "class", "two");
        map(h, "Training settings", mf.training());
        map(h, "Metrics", mf.metrics());
        h.close("div");
        h.close("section");
    }

    private static void map(Html h, String title, Map<String, Object> m) {
        if (m.isEmpty()) {
            return;
        }
        h.open("div");
        h.element("h2", title);
        h.open("table");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            row(h, e.getKey(), Numbers.show(e.getValue()));
        }
        h.close("table");
        h.close("div");
    }

    static void row(Html h, String key, String value) {
        h.open("tr").element("th", key).element("td", value).close("tr");
    }
}

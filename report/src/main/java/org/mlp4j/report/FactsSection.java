package org.mlp4j.report;

import java.util.Map;
import org.mlp4j.report.html.Html;

/** The run's facts (rows, seconds, samples/s, kernels, threads, JDK, mlp4j version) as a two-column table. */
final class FactsSection {
    private FactsSection() {
    }

    static void write(Html h, ReportInput in) {
        if (in.facts().isEmpty()) {
            return;
        }
        h.open("section", "id", "facts");
        h.element("h2", "Run");
        h.open("table");
        for (Map.Entry<String, String> e : in.facts().entrySet()) {
            SummarySection.row(h, e.getKey(), e.getValue());
        }
        h.close("table");
        h.close("section");
    }
}

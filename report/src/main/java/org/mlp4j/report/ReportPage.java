package org.mlp4j.report;

import java.util.Locale;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.report.html.Html;
import org.mlp4j.report.images.ImageShape;

/**
 * Assembles the report page: summary, curves, then either the classification sections (confusion heat map,
 * per-class metrics, images) or the regression sections, then the run's facts. The page is XHTML with its style
 * inline and every picture inline (SVG charts, PNG data URIs): no network, no script.
 */
final class ReportPage {
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;"
                    + "background:#f6f7f9;color:#1d2330}",
            "header{background:#1d2330;color:#fff;padding:18px 28px}",
            "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c8cdd8;font-size:14px}",
            "main{padding:8px 28px 40px;max-width:1280px}",
            "section{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:14px 20px;margin:16px 0}",
            "h2{font-size:17px;margin:0 0 10px}",
            "table{border-collapse:collapse;font-size:13px;margin:6px 0}",
            "th,td{padding:3px 10px;border-bottom:1px solid #eceef2;text-align:left}",
            "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}",
            "tr.total td{font-weight:600;border-top:2px solid #c5cad3}",
            ".charts{display:flex;flex-wrap:wrap;gap:12px}",
            ".chart{flex:1 1 420px;max-width:620px}",
            ".chart.square{flex:0 1 620px}",
            ".chart svg{width:100%;height:auto;display:block}",
            ".grid{display:flex;flex-wrap:wrap;gap:8px}",
            "figure{margin:0;text-align:center;font-size:11px;width:96px}",
            "figure img{width:84px;height:84px;image-rendering:pixelated;border:1px solid #d5d9e0;background:#fff}",
            "figure.w img{width:64px;height:64px}figure.w{width:70px}",
            ".row{display:flex;align-items:center;gap:6px;margin:4px 0}",
            ".row .label{width:110px;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}",
            ".row img{width:48px;height:48px;image-rendering:pixelated;border:1px solid #d5d9e0}",
            ".bad{color:#b2182b}.note{color:#5b6373;font-size:13px}",
            ".two{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}");

    private ReportPage() {
    }

    static String render(ReportInput in) {
        Dataset d = withModelClassNames(in.data(), in.model().classNames());
        Predictions p = Predictions.of(in.model(), d, in.kernels());
        Html h = new Html();
        h.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        h.open("head");
        h.empty("meta", "charset", "utf-8");
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
        h.element("title", "mlp4j report: " + in.title());
        h.element("style", CSS);
        h.close("head");
        h.open("body");
        h.open("header");
        h.element("h1", "mlp4j report: " + in.title());
        h.element("p", headline(in, d, p));
        h.close("header");
        h.open("main");
        SummarySection.write(h, in.model());
        CurvesSection.write(h, in.history());
        if (d.isClassification()) {
            Evaluation e = in.model().network().evaluate(in.model().normalize(d), in.kernels());
            ClassificationSection.write(h, e, in.dataName());
            ImageShape shape = in.effectiveImageShape();
            if (shape != null) {
                double[] range = ImageSections.range(d);
                ImageSections.gallery(h, d, p, shape, range);
                ImageSections.samples(h, d, shape, range);
            }
        } else if (d.hasTargets()) {
            RegressionSection.write(h, in.model(), d, p, in.dataName());
        }
        ImageShape shape = in.effectiveImageShape();
        if (shape != null) {
            ImageSections.firstLayerWeights(h, in.model().network(), shape);
        }
        FactsSection.write(h, in);
        h.close("main");
        h.close("body");
        h.close("html");
        return h.finish();
    }

    /** The rows labelled with the model's class names (the labels already index the model's classes). */
    private static Dataset withModelClassNames(Dataset d, java.util.List<String> names) {
        if (!d.isClassification() || names == null || names.equals(d.classNames())) {
            return d;
        }
        if (names.size() < d.classCount()) {
            throw new IllegalArgumentException("the data has " + d.classCount() + " classes but the model knows "
                    + names.size());
        }
        return Dataset.classification(d.features(), d.rows(), d.featureCount(), d.labels(), names);
    }

    private static String headline(ReportInput in, Dataset d, Predictions p) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d rows of %s", d.rows(), in.dataName()));
        if (d.isClassification() && d.rows() > 0) {
            int correct = 0;
            for (int i = 0; i < d.rows(); i++) {
                correct += p.predicted[i] == d.labels()[i] ? 1 : 0;
            }
            sb.append(String.format(Locale.ROOT, " · accuracy %.4f", correct / (double) d.rows()));
        }
        if (!in.history().isEmpty()) {
            sb.append(" · ").append(in.history().size()).append(" epochs");
        }
        return sb.toString();
    }
}

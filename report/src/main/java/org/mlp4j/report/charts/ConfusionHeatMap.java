package org.mlp4j.report.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The confusion matrix as a heat map, as scikit-learn's {@code ConfusionMatrixDisplay} draws it: true class down the
 * side (first class at the top), predicted class along the bottom, the count in every cell. The colour is the
 * cell's share of its row (the true class's rows), so a weak class shows even when classes differ in size.
 */
public final class ConfusionHeatMap {
    /** Above this many classes the counts no longer fit in the cells and only colours are drawn. */
    static final int MAX_ANNOTATED_CLASSES = 30;

    private ConfusionHeatMap() {
    }

    /** {@code confusion[true][predicted]} with one name per class. */
    public static JFreeChart of(int[][] confusion, List<String> names) {
        int k = names.size();
        double[] xs = new double[k * k];
        double[] ys = new double[k * k];
        double[] zs = new double[k * k];
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (int p = 0; p < k; p++) {
                rowTotal += confusion[t][p];
            }
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xs[i] = p;
                ys[i] = t;
                zs[i] = rowTotal == 0 ? 0 : confusion[t][p] / (double) rowTotal;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("confusion", new double[][] {xs, ys, zs});
        String[] symbols = names.toArray(new String[0]);
        SymbolAxis predicted = new SymbolAxis("predicted class", symbols);
        SymbolAxis actual = new SymbolAxis("true class", symbols);
        boolean longNames = names.stream().anyMatch(n -> n.length() > 3);
        predicted.setVerticalTickLabels(longNames);
        actual.setInverted(true);
        for (SymbolAxis a : new SymbolAxis[] {predicted, actual}) {
            a.setGridBandsVisible(false);
            a.setRange(-0.5, k - 0.5);
        }
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(new Blues());
        XYPlot plot = new XYPlot(data, predicted, actual, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (k <= MAX_ANNOTATED_CLASSES) {
            int size = k <= 12 ? 12 : k <= 20 ? 10 : 8;
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
            for (int i = 0; i < xs.length; i++) {
                int count = confusion[(int) ys[i]][(int) xs[i]];
                XYTextAnnotation a = new XYTextAnnotation(Integer.toString(count), xs[i], ys[i]);
                a.setFont(font);
                a.setTextAnchor(TextAnchor.CENTER);
                a.setPaint(zs[i] > 0.5 ? Color.WHITE : count == 0 ? new Color(0x999999) : Color.BLACK);
                plot.addAnnotation(a, false);
            }
        }
        JFreeChart chart = new JFreeChart("Confusion matrix", new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        Style.apply(chart);
        plot.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** White to dark blue over the share 0..1, as matplotlib's "Blues". */
    static final class Blues implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double share) {
            double t = Math.sqrt(Math.max(0, Math.min(1, share))); // sqrt: small off-diagonal shares stay visible
            return new Color(mix(0xf7, 0x08, t), mix(0xfb, 0x30, t), mix(0xff, 0x6b, t));
        }

        private static int mix(int from, int to, double t) {
            return (int) Math.round(from + (to - from) * t);
        }
    }
}

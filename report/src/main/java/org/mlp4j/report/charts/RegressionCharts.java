package org.mlp4j.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * For regression: predicted against true values (with the line y = x, where perfect predictions lie), residuals
 * against predictions, and the distribution of the residuals. Scatter plots draw at most {@link #MAX_POINTS}
 * points, every n-th row, so the page stays small; the histogram uses every row.
 */
public final class RegressionCharts {
    /** The most points a scatter plot draws. */
    public static final int MAX_POINTS = 1000;

    private RegressionCharts() {
    }

    /** Predicted against true values of target column {@code col}; {@code truth} and {@code predicted} hold rows of {@code width}. */
    public static JFreeChart predictedVsTrue(String target, float[] truth, float[] predicted, int rows, int width, int col) {
        XYSeries s = new XYSeries("rows", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i += step(rows)) {
            double t = truth[i * width + col];
            double p = predicted[i * width + col];
            s.add(t, p);
            lo = Math.min(lo, Math.min(t, p));
            hi = Math.max(hi, Math.max(t, p));
        }
        JFreeChart c = scatter("Predicted vs true: " + target, "true " + target, "predicted " + target, s);
        if (lo < hi) {
            c.getXYPlot().addAnnotation(new XYLineAnnotation(lo, lo, hi, hi, new BasicStroke(1.2f), Color.GRAY));
        }
        return c;
    }

    /** Residuals (true − predicted) against predicted values, with the zero line. */
    public static JFreeChart residuals(String target, float[] truth, float[] predicted, int rows, int width, int col) {
        XYSeries s = new XYSeries("rows", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i += step(rows)) {
            double p = predicted[i * width + col];
            s.add(p, truth[i * width + col] - p);
            lo = Math.min(lo, p);
            hi = Math.max(hi, p);
        }
        JFreeChart c = scatter("Residuals: " + target, "predicted " + target, "true − predicted", s);
        if (lo < hi) {
            c.getXYPlot().addAnnotation(new XYLineAnnotation(lo, 0, hi, 0, new BasicStroke(1.2f), Color.GRAY));
        }
        return c;
    }

    /** A histogram of the residuals of every row. */
    public static JFreeChart residualHistogram(String target, float[] truth, float[] predicted, int rows, int width,
                                               int col) {
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = truth[i * width + col] - predicted[i * width + col];
        }
        HistogramDataset data = new HistogramDataset();
        data.addSeries("residuals", r, Math.max(5, Math.min(50, (int) Math.sqrt(rows))));
        JFreeChart c = ChartFactory.createHistogram("Residual distribution: " + target, "true − predicted", "rows",
                data, PlotOrientation.VERTICAL, false, false, false);
        c.getXYPlot().getRenderer().setSeriesPaint(0, Style.TRAIN);
        ((org.jfree.chart.renderer.xy.XYBarRenderer) c.getXYPlot().getRenderer()).setBarPainter(
                new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        ((org.jfree.chart.renderer.xy.XYBarRenderer) c.getXYPlot().getRenderer()).setShadowVisible(false);
        return Style.apply(c);
    }

    private static int step(int rows) {
        return Math.max(1, (rows + MAX_POINTS - 1) / MAX_POINTS);
    }

    private static JFreeChart scatter(String title, String x, String y, XYSeries s) {
        JFreeChart c = ChartFactory.createScatterPlot(title, x, y, new XYSeriesCollection(s), PlotOrientation.VERTICAL,
                false, false, false);
        XYPlot p = c.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 140));
        r.setDrawOutlines(false); // one element per point, not two
        p.setRenderer(r);
        ((NumberAxis) p.getDomainAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(false);
        return Style.apply(c);
    }
}

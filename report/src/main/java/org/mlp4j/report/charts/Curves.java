package org.mlp4j.report.charts;

import java.awt.BasicStroke;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mlp4j.engine.train.EpochStats;

/** Per-epoch curves, as Keras users plot {@code history.history}: loss, accuracy and the learning rate. */
public final class Curves {
    private Curves() {
    }

    /** Training (and validation, when recorded) loss per epoch. */
    public static JFreeChart loss(List<EpochStats> epochs) {
        return twoSeries("Loss", "loss", epochs, EpochStats::loss, EpochStats::valLoss);
    }

    /** Training (and validation) accuracy per epoch; null when no epoch has an accuracy (regression). */
    public static JFreeChart accuracy(List<EpochStats> epochs) {
        if (epochs.stream().noneMatch(e -> Double.isFinite(e.accuracy()))) {
            return null;
        }
        JFreeChart c = twoSeries("Accuracy", "accuracy", epochs, EpochStats::accuracy, EpochStats::valAccuracy);
        ((NumberAxis) c.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return c;
    }

    /** The learning rate per epoch (log scale when it spans more than a factor of 1000); null when never recorded. */
    public static JFreeChart learningRate(List<EpochStats> epochs) {
        XYSeries lr = series("learning rate", epochs, EpochStats::learningRate);
        if (lr.getItemCount() == 0) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection(lr);
        JFreeChart c = ChartFactory.createXYLineChart("Learning rate", "epoch", "learning rate", data,
                PlotOrientation.VERTICAL, false, false, false);
        XYPlot p = c.getXYPlot();
        if (lr.getMinY() > 0 && lr.getMaxY() / lr.getMinY() > 1000) {
            // a rate that falls by orders of magnitude (exp:G, step decays) reads on a log scale; labels as 1E-3
            LogAxis log = new LogAxis("learning rate (log scale)");
            log.setSmallestValue(lr.getMinY() / 10);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.##E0",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            p.setRangeAxis(log);
        } else {
            ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(true);
        }
        line(p, 1, Style.OTHER);
        return Style.apply(c);
    }

    private static JFreeChart twoSeries(String title, String yLabel, List<EpochStats> epochs,
                                        ToDoubleFunction<EpochStats> train, ToDoubleFunction<EpochStats> val) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", epochs, train));
        XYSeries v = series("validation", epochs, val);
        if (v.getItemCount() > 0) {
            data.addSeries(v);
        }
        JFreeChart c = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot p = c.getXYPlot();
        ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(false);
        line(p, data.getSeriesCount(), Style.TRAIN, Style.VALIDATION);
        return Style.apply(c);
    }

    private static XYSeries series(String name, List<EpochStats> epochs, ToDoubleFunction<EpochStats> f) {
        XYSeries s = new XYSeries(name, false, true);
        for (EpochStats e : epochs) {
            double y = f.applyAsDouble(e);
            if (Double.isFinite(y)) {
                s.add(e.epoch(), y);
            }
        }
        return s;
    }

    private static void line(XYPlot p, int series, java.awt.Color... colours) {
        int points = p.getDataset().getItemCount(0);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, points <= 40);
        for (int s = 0; s < series; s++) {
            r.setSeriesPaint(s, colours[s % colours.length]);
            r.setSeriesStroke(s, new BasicStroke(2f));
            r.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        p.setRenderer(r);
        NumberAxis x = (NumberAxis) p.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
}

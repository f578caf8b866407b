package org.mlp4j.report.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/** The report's look for every chart: white background, light grid, the page's sans-serif font, fixed colours. */
final class Style {
    static final Color TRAIN = new Color(0x1f77b4);
    static final Color VALIDATION = new Color(0xff7f0e);
    static final Color OTHER = new Color(0x2ca02c);
    static final Color GRID = new Color(0xdddddd);

    private Style() {
    }

    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (chart.getPlot() instanceof XYPlot) {
            XYPlot p = (XYPlot) chart.getPlot();
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(GRID);
            p.setRangeGridlinePaint(GRID);
            p.setDomainGridlineStroke(new BasicStroke(0.8f));
            p.setRangeGridlineStroke(new BasicStroke(0.8f));
            p.setOutlineVisible(false);
            Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
            Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            p.getDomainAxis().setTickLabelFont(tick);
            p.getRangeAxis().setTickLabelFont(tick);
            p.getDomainAxis().setLabelFont(label);
            p.getRangeAxis().setLabelFont(label);
        }
        return chart;
    }
}

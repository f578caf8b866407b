package org.mlp4j.report.charts;

import java.awt.Rectangle;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a JFreeChart into an inline {@code <svg>} element (JFreeSVG) that scales with the page: a view box and no
 * fixed size. Each chart gets its own id prefix for its clip paths, so several charts in one page never share ids.
 */
public final class Svg {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    static {
        // JFreeChart's workaround for an old JDK bug draws rotated text (vertical axis labels, cell counts) as glyph
        // outlines; as <text> it stays text in the SVG: smaller, searchable and readable by tests
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Svg() {
    }

    /** {@code chart} drawn at {@code width × height} user units, as one {@code <svg>} element. */
    public static String of(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        String id = "chart" + NEXT_ID.incrementAndGet();
        g.setDefsKeyPrefix(id + "_");
        // two decimals are a hundredth of a user unit: invisible, and the SVG is about half the size
        g.setGeomDoubleConverter(Svg::twoDecimals);
        g.setTransformDoubleConverter(Svg::twoDecimals);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id, false, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);
    }

    private static String twoDecimals(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(Math.round(v * 100) / 100.0).stripTrailingZeros().toPlainString();
    }
}

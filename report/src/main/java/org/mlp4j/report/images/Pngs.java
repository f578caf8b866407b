package org.mlp4j.report.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Small PNG images as {@code data:} URIs, so a report is one file: input rows drawn in grey (dark = high, as
 * matplotlib's {@code binary} colour map) and weights in a diverging map (blue negative, white zero, red positive).
 * Images stay at their native size; the page enlarges them without smoothing.
 */
public final class Pngs {
    private Pngs() {
    }

    /**
     * Row {@code row} of {@code x} (features {@code offset…offset+pixels}) as a grey image, {@code lo} white and
     * {@code hi} black.
     */
    public static String grey(float[] x, long offset, ImageShape shape, double lo, double hi) {
        BufferedImage img = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        double span = hi > lo ? hi - lo : 1;
        for (int i = 0; i < shape.pixels(); i++) {
            double t = (x[(int) (offset + i)] - lo) / span;
            px[i] = (byte) (255 - (int) Math.round(255 * Math.max(0, Math.min(1, t))));
        }
        return dataUri(img);
    }

    /** Weights {@code w[i * stride + unit]} for {@code i < pixels}, symmetric around zero at {@code ±max |w|}. */
    public static String diverging(float[] w, int unit, int stride, ImageShape shape) {
        double max = 0;
        for (int i = 0; i < shape.pixels(); i++) {
            max = Math.max(max, Math.abs(w[i * stride + unit]));
        }
        BufferedImage img = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < shape.pixels(); i++) {
            double t = max == 0 ? 0 : w[i * stride + unit] / max; // -1..1
            int r;
            int g;
            int b;
            if (t >= 0) { // white → red (0xb2182b)
                r = mix(255, 0xb2, t);
                g = mix(255, 0x18, t);
                b = mix(255, 0x2b, t);
            } else { // white → blue (0x2166ac)
                r = mix(255, 0x21, -t);
                g = mix(255, 0x66, -t);
                b = mix(255, 0xac, -t);
            }
            img.setRGB(i % shape.width(), i / shape.width(), (r << 16) | (g << 8) | b);
        }
        return dataUri(img);
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static String dataUri(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}

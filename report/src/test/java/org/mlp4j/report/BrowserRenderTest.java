package org.mlp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report renders in a real browser: headless Chromium takes a screenshot, which must show the page (its dark
 * header, white sections, coloured charts and heat map), not a blank or an error page. Skipped, saying why, only
 * when no Chromium is installed ({@code apt-get install chromium}; {@code .ci/run} installs it).
 */
class BrowserRenderTest {
    @Test
    void digitsReportRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path browser = Chromium.find();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium): "
                + "skipping the check that the report renders in a real browser");
        Path page = dir.resolve("digits.html");
        ReportWriter.write(page, Runs.digits());
        Path png = dir.resolve("digits.png");
        Chromium.screenshot(browser, page, png, 1280, 2400, dir);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(2400, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        long dark = 0;
        long white = 0;
        long blue = 0;
        long total = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                colours.add(rgb);
                total++;
                dark += r + g + b < 150 ? 1 : 0;
                white += r > 245 && g > 245 && b > 245 ? 1 : 0;
                blue += b > r + 60 && b > g + 20 ? 1 : 0;   // the heat map's and the curves' blues
            }
        }
        // the header is dark (#1d2330) across the top
        int header = img.getRGB(640, 20) & 0xffffff;
        assertTrue((header >> 16) < 60 && (header & 0xff) < 80, "dark header, found #" + Integer.toHexString(header));
        assertTrue(colours.size() > 200, colours.size() + " colours: a blank page has one");
        assertTrue(white > total / 5, "white sections: " + white + " of " + total);
        assertTrue(dark > total / 200, "dark text and header: " + dark + " of " + total);
        assertTrue(blue > total / 200, "blue chart and heat-map cells: " + blue + " of " + total);
        if (System.getProperty("mlp4j.screenshot") != null) {
            Files.copy(png, Path.of(System.getProperty("mlp4j.screenshot")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

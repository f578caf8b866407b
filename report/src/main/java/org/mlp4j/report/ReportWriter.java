package org.mlp4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Writes a training report: one self-contained HTML file (XHTML, so it is also well-formed XML) with the model
 * summary, the training curves, the evaluation (confusion heat map and per-class metrics, or regression plots),
 * images of the inputs and first-layer weights when rows are images, and the run's facts. Nothing in it refers to
 * the network or to another file.
 */
public final class ReportWriter {
    static {
        // charts and images are drawn off-screen: never open a display connection (CI machines have none)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportWriter() {
    }

    /** The page as a string. */
    public static String render(ReportInput input) {
        return ReportPage.render(input);
    }

    /** Writes the page to {@code file} atomically (an existing file is replaced whole or not at all). */
    public static void write(Path file, ReportInput input) throws IOException {
        byte[] bytes = render(input).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}

package org.mlp4j.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}), to render a page the way a user's browser does and take a
 * screenshot. Runs with a fresh profile directory, no sandbox (CI containers run as root), no GPU, and with every
 * background network feature off, so it neither needs nor uses the network.
 */
final class Chromium {
    private Chromium() {
    }

    /** The browser's executable, or null when none is installed ({@code $MLP4J_CHROMIUM} overrides the search). */
    static Path find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("MLP4J_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/snap/bin/chromium"));
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Renders {@code page} at {@code width × height} CSS pixels into {@code png}. */
    static void screenshot(Path browser, Path page, Path png, int width, int height, Path scratch)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> cmd = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--screenshot=" + png, page.toUri().toString());
        Path log = scratch.resolve("chromium.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s: " + Files.readString(log));
        }
        if (p.exitValue() != 0 || !Files.exists(png)) {
            throw new IOException("chromium exited with " + p.exitValue() + " and " + (Files.exists(png) ? "a" : "no")
                    + " screenshot: " + Files.readString(log));
        }
    }
}

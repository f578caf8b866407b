package org.mlp4j.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal stderr is drawn on, so the live progress bar never wraps: {@code $COLUMNS} when the
 * shell exports it, else {@code stty size} on the controlling terminal (POSIX), else 80.
 */
final class TerminalWidth {
    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    static int columns() {
        Integer env = parse(System.getenv("COLUMNS"));
        if (env != null) {
            return env;
        }
        Integer stty = stty();
        return stty != null ? stty : FALLBACK;
    }

    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            String[] parts = out.split("\\s+");
            return p.exitValue() == 0 && parts.length == 2 ? parse(parts[1]) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Integer parse(String s) {
        if (s == null || !s.trim().matches("\\d{1,4}")) {
            return null;
        }
        int v = Integer.parseInt(s.trim());
        return v >= 20 ? v : null;
    }
}

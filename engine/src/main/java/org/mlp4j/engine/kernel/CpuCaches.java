package org.mlp4j.engine.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Data-cache sizes of one core, read from Linux's {@code /sys/devices/system/cpu/cpu0/cache/index*}; the L3 figure is
 * the share of one core (its size divided by the CPUs that share it). Where the files cannot be read (other
 * operating systems, containers that hide sysfs) the sizes fall back to a common modern core: 32 KiB L1d,
 * 1 MiB L2, 2 MiB of L3 per core — and {@link #measured()} says so.
 *
 * @param l1d      bytes of level-1 data cache
 * @param l2       bytes of level-2 cache
 * @param l3PerCore bytes of level-3 cache per sharing CPU
 * @param measured whether the sizes came from the machine
 */
public record CpuCaches(long l1d, long l2, long l3PerCore, boolean measured) {
    private static final Path SYS = Paths.get("/sys/devices/system/cpu/cpu0/cache");
    static final CpuCaches FALLBACK = new CpuCaches(32 << 10, 1 << 20, 2 << 20, false);
    private static final CpuCaches THIS_MACHINE = read(SYS);

    /** This machine's caches (read once). */
    public static CpuCaches local() {
        return THIS_MACHINE;
    }

    /** Reads a sysfs cache directory; any level it cannot read keeps the fallback's size. */
    static CpuCaches read(Path dir) {
        long l1 = 0, l2 = 0, l3 = 0;
        for (int i = 0; i < 8; i++) {
            Path index = dir.resolve("index" + i);
            try {
                int level = Integer.parseInt(text(index.resolve("level")));
                String type = text(index.resolve("type"));
                long size = bytes(text(index.resolve("size")));
                int sharing = cpus(text(index.resolve("shared_cpu_list")));
                if (type.equals("Instruction") || size <= 0) {
                    continue;
                }
                if (level == 1) {
                    l1 = size;
                } else if (level == 2) {
                    l2 = size;
                } else if (level == 3) {
                    l3 = size / Math.max(1, sharing);
                }
            } catch (IOException | RuntimeException e) {
                // an index that does not exist or cannot be parsed: the level keeps the fallback
            }
        }
        boolean all = l1 > 0 && l2 > 0 && l3 > 0;
        return new CpuCaches(l1 > 0 ? l1 : FALLBACK.l1d, l2 > 0 ? l2 : FALLBACK.l2, l3 > 0 ? l3 : FALLBACK.l3PerCore,
                all);
    }

    private static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII).trim();
    }

    /** {@code 48K}, {@code 2048K}, {@code 1M} or plain bytes. */
    static long bytes(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1 << 10;
        } else if (t.endsWith("M")) {
            unit = 1 << 20;
        } else if (t.endsWith("G")) {
            unit = 1 << 30;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    /** The number of CPUs in a list such as {@code 0-1,4,6-7}. */
    static int cpus(String list) {
        int n = 0;
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            n += dash < 0 ? 1 : Integer.parseInt(p.substring(dash + 1)) - Integer.parseInt(p.substring(0, dash)) + 1;
        }
        return n;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "L1d %d KiB, L2 %d KiB, L3 %d KiB per core%s", l1d >> 10, l2 >> 10,
                l3PerCore >> 10, measured ? "" : " (assumed: sysfs unreadable)");
    }
}

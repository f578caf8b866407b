package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache sizes from a sysfs-shaped directory, and the fallback where it cannot be read. */
class CpuCachesTest {

    private static void index(Path dir, int i, int level, String type, String size, String shared) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
        Files.writeString(d.resolve("shared_cpu_list"), shared + "\n");
    }

    @Test
    void readsEachDataLevelAndSplitsTheL3AmongTheCpusThatShareIt(@TempDir Path dir) throws IOException {
        index(dir, 0, 1, "Data", "48K", "0");
        index(dir, 1, 1, "Instruction", "32K", "0");
        index(dir, 2, 2, "Unified", "2048K", "0");
        index(dir, 3, 3, "Unified", "32M", "0-3,8-11");
        CpuCaches c = CpuCaches.read(dir);
        assertEquals(48 << 10, c.l1d());
        assertEquals(2 << 20, c.l2());
        assertEquals((32 << 20) / 8, c.l3PerCore());
        assertTrue(c.measured());
    }

    @Test
    void aMissingDirectoryGivesTheStatedFallback(@TempDir Path dir) {
        CpuCaches c = CpuCaches.read(dir.resolve("absent"));
        assertEquals(CpuCaches.FALLBACK.l2(), c.l2());
        assertFalse(c.measured());
        assertTrue(c.toString().contains("assumed"), c.toString());
    }

    @Test
    void anUnparsableLevelKeepsOnlyThatLevelsFallback(@TempDir Path dir) throws IOException {
        index(dir, 0, 1, "Data", "32K", "0");
        index(dir, 1, 2, "Unified", "lots", "0");
        index(dir, 2, 3, "Unified", "8192K", "0-1");
        CpuCaches c = CpuCaches.read(dir);
        assertEquals(32 << 10, c.l1d());
        assertEquals(CpuCaches.FALLBACK.l2(), c.l2());
        assertEquals(4 << 20, c.l3PerCore());
        assertFalse(c.measured());
    }

    @Test
    void sizesAndCpuListsParseAsLinuxWritesThem() {
        assertEquals(1 << 20, CpuCaches.bytes("1M"));
        assertEquals(512, CpuCaches.bytes("512"));
        assertEquals(6, CpuCaches.cpus("0-3,6,7"));
    }
}

package org.mlp4j.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.io.MemoryBudget;

/** Finding 2: an {@code .npz} entry that inflates beyond the memory budget is refused before it is inflated. */
class NpzBombTest {
    @TempDir
    Path dir;

    @AfterEach
    void noLimit() {
        MemoryBudget.setLimit(Long.MAX_VALUE);
    }

    @Test
    void aDeflatedEntryLargerThanTheBudgetIsRefusedNamingTheEntry() throws Exception {
        MemoryBudget.setLimit(16L << 20);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("x.npy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
        }
        Path f = Files.write(dir.resolve("bomb.npz"), zip.toByteArray());
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ": entry 'x.npy', byte 0: entry would inflate to 67108864 bytes"),
                e.getMessage());
    }
}

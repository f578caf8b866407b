package org.mlp4j.formats.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Finding 2 of the fuzzing report: memo "billion laughs" and gzip bombs are refused against the memory budget,
 * before allocating, with the file and the position — not an OutOfMemoryError or an {@code integer overflow}.
 */
class PickleBombTest {
    @TempDir
    Path dir;

    @AfterEach
    void noLimit() {
        MemoryBudget.setLimit(Long.MAX_VALUE);
    }

    /** {@code (x, y)}: x is {@code rows} references (memo GETs) to one list of {@code cols} ints, y {@code rows} zeros. */
    private static byte[] memoBomb(int rows, int cols) {
        PickleBuilder p = new PickleBuilder();
        p.op(0x80).u8(2).op(']').op('q').u8(0).op('(');
        for (int c = 0; c < cols; c++) {
            p.op('K').u8(1);
        }
        p.op('e').op('0');
        p.op(']').op('(');
        for (int r = 0; r < rows; r++) {
            p.op('h').u8(0);
        }
        p.op('e').op(']').op('(');
        for (int r = 0; r < rows; r++) {
            p.op('K').u8(0);
        }
        p.op('e').op(0x86).op('.');
        return p.bytes();
    }

    @Test
    void aMemoBombOfFortyThousandSquaredIsRefusedByTheBudgetNamingFileAndKey() throws Exception {
        byte[] bomb = memoBomb(40_000, 40_000);
        assertTrue(bomb.length < 300_000, bomb.length + " bytes");
        Path f = Files.write(dir.resolve("laughs.pkl"), bomb);
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("40000 rows × 40000 numbers would take 12 GB, more than the memory budget"),
                e.getMessage());
    }

    @Test
    void aMemoBombWhoseSizeOverflowsAnIntIsTheSameClearErrorNotAnIntegerOverflow() throws Exception {
        Path f = Files.write(dir.resolve("overflow.pkl"), memoBomb(46_341, 46_341));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("46341 rows × 46341 numbers would take"), e.getMessage());
    }

    @Test
    void aSmallMemoExpansionWithinTheBudgetStillReads() throws Exception {
        Path f = Files.write(dir.resolve("fine.pkl"), memoBomb(30, 4));
        assertEquals(30 * 4, DataReaders.read(f, ReadOptions.defaults()).features().length);
    }

    private static byte[] gzipOfZeros(long bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                gz.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
        return out.toByteArray();
    }

    @Test
    void aGzipBombIsRefusedFromItsTrailerBeforeInflating() throws Exception {
        MemoryBudget.setLimit(16L << 20);
        Path f = Files.write(dir.resolve("bomb.pkl.gz"), gzipOfZeros(100L << 20));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ": byte "), e.getMessage());
        assertTrue(e.getMessage().contains("would inflate to 104857600 bytes (its trailer says)"), e.getMessage());
        assertTrue(e.getMessage().contains("--max-memory 16 MB"), e.getMessage());
    }

    @Test
    void aGzipBombWhoseTrailerLiesIsStoppedWhenWhatIsInflatedReachesTheBudget() throws Exception {
        MemoryBudget.setLimit(16L << 20);
        // two members: the trailer read is the small second one's
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzipOfZeros(100L << 20));
        both.write(gzipOfZeros(10));
        Path f = Files.write(dir.resolve("liar.pkl.gz"), both.toByteArray());
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(f + ": byte "), e.getMessage());
        assertTrue(e.getMessage().contains("inflates to more than 8388608 bytes"), e.getMessage());
    }

    @Test
    void withoutAMemoryLimitAFileInflatingPastAHundredTimesItsSizeIsTakenForABomb() throws Exception {
        // 4 GiB of zeros would say 0 in its trailer (the size mod 2^32); 200 MB says 200 MB but is under the budget
        Path f = Files.write(dir.resolve("zeros.pkl.gz"), gzipOfZeros(200L << 20));
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("more than 100 times the compressed size looks like a decompression bomb;"
                + " --max-memory SIZE allows up to SIZE/2"), e.getMessage());
    }
}

package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.model.ModelReader;

/**
 * Finding 3 of the fuzzing report: damaged gzip headers, JSON in another encoding, an IDX file whose rows are too
 * wide — each is one error naming the file and a position, with no exception class name in it.
 */
class ErrorsNameTheirFileTest {
    @TempDir
    Path dir;

    private static void assertClear(Path f, Exception e) {
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertFalse(e.getMessage().matches(".*(EOFException|ZipException|CharConversionException|Exception:).*"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1f8b", "1f8b09000000000000ff", "1f8b08e0000000000003", "1f8b08"})
    void aDamagedGzipHeaderNamesTheFile(String hex) throws Exception {
        byte[] b = java.util.HexFormat.of().parseHex(hex);
        for (String name : new String[] {"data.csv.gz", "train-images-idx3-ubyte.gz"}) {
            Path f = Files.write(dir.resolve(name), b);
            DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
            assertClear(f, e);
            assertTrue(e.getMessage().contains("gzip"), e.getMessage());
        }
    }

    @Test
    void jsonStartingWithNulBytesIsNotValidJsonAtByteZero() throws Exception {
        Path f = Files.write(dir.resolve("model.json"), new byte[] {0, 0, 0, 0, '{', '}'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelReader.read(f));
        assertClear(f, e);
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void anIdxFileOfZeroRowsWhoseRowWidthOverflowsNamesTheDimension() throws Exception {
        Path f = Files.write(dir.resolve("wide-images-idx3-ubyte"),
                new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(f, ReadOptions.defaults()));
        assertClear(f, e);
        assertTrue(e.getMessage().contains("byte 12: the header declares rows of 65536×65536 values"), e.getMessage());
    }
}

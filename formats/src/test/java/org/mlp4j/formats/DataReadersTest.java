package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.idx.IdxWriter;

class DataReadersTest {
    @TempDir
    Path dir;

    @Test
    void idxIsRecognisedByMagicWhateverItsName() throws IOException {
        Path file = dir.resolve("anything.bin");
        IdxWriter.writeF32(file, new int[] {2, 2}, new float[] {1, 2, 3, 4}, false);
        assertEquals("IDX", DataReaders.detect(file).name());
        assertEquals(2, DataReaders.read(file, ReadOptions.defaults()).featureCount());
    }

    @Test
    void gzipWrappedIdxIsRecognisedByTheDecompressedMagic() throws IOException {
        Path file = dir.resolve("anything");
        IdxWriter.writeU8(file, new int[] {3}, new int[] {1, 2, 3}, true);
        assertEquals("IDX", DataReaders.detect(file).name());
    }

    @Test
    void gzipWrappedCsvIsRecognisedByContent() throws IOException {
        Path file = dir.resolve("table.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("label,a\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("CSV", DataReaders.detect(file).name());
        Dataset d = DataReaders.read(file, ReadOptions.defaults());
        assertArrayEquals(new int[] {1}, d.labels());
    }

    @Test
    void singleColumnCsvIsRecognisedByItsExtension() throws IOException {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "1\n2\n");
        assertEquals("CSV", DataReaders.detect(file).name());
        Dataset d = DataReaders.read(file, ReadOptions.defaults().withLabelColumn("none"));
        assertEquals(2, d.rows());
    }

    @Test
    void brokenIdxHeaderWithAnIdxNameGetsTheIdxError() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(file, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("expected IDX magic"), e.getMessage());
    }

    @Test
    void unknownFormatNamesTheFileAndWhatWasFound() throws IOException {
        Path file = dir.resolve("picture.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataReaders.read(file, ReadOptions.defaults()));
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("unrecognised data format"), e.getMessage());
        assertTrue(e.getMessage().contains("89 50 4e 47"), e.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() {
        Path file = dir.resolve("nope.csv");
        IOException e = assertThrows(IOException.class, () -> DataReaders.read(file, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
    }
}

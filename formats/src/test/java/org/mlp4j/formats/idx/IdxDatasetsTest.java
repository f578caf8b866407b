package org.mlp4j.formats.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;

class IdxDatasetsTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** Three 2×2 images with pixel values 0..11, labels 2, 0, 1. */
    private Path images(String name, boolean gzip) throws IOException {
        float[] px = new float[12];
        for (int i = 0; i < 12; i++) {
            px[i] = i * 20;
        }
        Path file = dir.resolve(name);
        IdxWriter.writeU8(file, new int[] {3, 2, 2}, px, gzip);
        return file;
    }

    private Path labels(String name, boolean gzip, int... y) throws IOException {
        Path file = dir.resolve(name);
        IdxWriter.writeU8(file, new int[] {y.length}, y, gzip);
        return file;
    }

    @Test
    void imagesFlattenToRowsAndPairWithTheirLabelsByMnistNaming() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        labels("train-labels-idx1-ubyte", false, 2, 0, 1);
        Dataset d = IdxDatasets.read(x, ReadOptions.defaults());
        assertEquals(3, d.rows());
        assertEquals(4, d.featureCount());
        assertArrayEquals(new float[] {80, 100, 120, 140}, java.util.Arrays.copyOfRange(d.features(), 4, 8));
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(List.of("0", "1", "2"), d.classNames());
    }

    @Test
    void gzipImagesPairWithGzipLabelsOfAnyPrefix() throws IOException {
        Path x = images("emnist-t10k-images-idx3-ubyte.gz", true);
        Path y = labels("emnist-t10k-labels-idx1-ubyte.gz", true, 1, 1, 0);
        assertEquals(y, IdxDatasets.inferLabelsFile(x));
        assertArrayEquals(new int[] {1, 1, 0}, IdxDatasets.read(x, ReadOptions.defaults()).labels());
    }

    @Test
    void gzipImagesPairWithUncompressedLabels() throws IOException {
        Path x = images("t10k-images-idx3-ubyte.gz", true);
        Path y = labels("t10k-labels-idx1-ubyte", false, 1, 1, 0);
        assertEquals(y, IdxDatasets.inferLabelsFile(x));
    }

    @Test
    void explicitLabelsFileWinsOverNaming() throws IOException {
        Path x = images("pictures.idx", false);
        Path y = labels("answers.idx", false, 0, 1, 0);
        Dataset d = IdxDatasets.read(x, ReadOptions.defaults().withLabelsFile(y));
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    }

    @Test
    void imagesWithoutALabelsFileReadUnlabelled() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        Dataset d = IdxDatasets.read(x, ReadOptions.defaults());
        assertFalse(d.hasTargets());
        assertNull(IdxDatasets.inferLabelsFile(x));
    }

    @Test
    void labelCountDifferentFromImageCountIsRejectedBeforeReadingData() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        Path y = labels("train-labels-idx1-ubyte", false, 0, 1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxDatasets.read(x, ReadOptions.defaults()));
        assertEquals(y.toString(), e.file());
        assertEquals("byte 4", e.position());
        assertTrue(e.getMessage().contains("2 labels") && e.getMessage().contains("3 samples"), e.getMessage());
    }

    @Test
    void labelOutsideTheRequestedClassRangeNamesItsByte() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        Path y = labels("train-labels-idx1-ubyte", false, 0, 12, 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDatasets.read(x, ReadOptions.defaults().withClassCount(10)));
        assertEquals(y.toString(), e.file());
        assertEquals("byte 9", e.position()); // header 8 bytes, then label 1
        assertTrue(e.getMessage().contains("is 12"), e.getMessage());
    }

    @Test
    void negativeLabelIsOutsideEveryClassRange() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        Path y = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.write(y, IdxType.I32, new int[] {3}, new float[] {0, 1, -1}, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxDatasets.read(x, ReadOptions.defaults()));
        assertEquals("byte 16", e.position());
    }

    @Test
    void classCountCanExceedTheLargestLabel() throws IOException {
        Path x = images("train-images-idx3-ubyte", false);
        labels("train-labels-idx1-ubyte", false, 0, 1, 1);
        assertEquals(10, IdxDatasets.read(x, ReadOptions.defaults().withClassCount(10)).classCount());
    }

    @Test
    void realFashionMnistTrainingSetReads() throws IOException {
        Path x = FASHION.resolve("train-images-idx3-ubyte.gz");
        assumeTrue(Files.isRegularFile(x), "Debian's dataset-fashion-mnist is not installed");
        Dataset d = DataReaders.read(x, ReadOptions.defaults());
        assertEquals(60000, d.rows());
        assertEquals(784, d.featureCount());
        assertEquals(10, d.classCount());
        int[] counts = d.classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, counts[c], "class " + c);
        }
        float max = 0;
        for (float v : d.features()) {
            max = Math.max(max, v);
        }
        assertEquals(255f, max);
    }
}

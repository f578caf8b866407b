package org.mlp4j.formats.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.csv.CsvWriter.LabelPosition;

class CsvWriterTest {
    @TempDir
    Path dir;

    private final float[] x = {0, 255, -3, 0.1f, 1.4E-45f, -0f, 3.4028235E38f, 1e9f};

    @Test
    void featuresAndLabelsRoundTripWithHeader() throws IOException {
        Dataset d = Dataset.classification(x, 2, 4, new int[] {1, 0}, List.of("cat", "dog, big"));
        Path file = dir.resolve("out.csv");
        CsvWriter.write(file, d);
        Dataset back = CsvReader.read(file, ReadOptions.defaults());
        assertArrayEquals(x, back.features());
        assertArrayEquals(new int[] {1, 0}, back.labels());
        assertEquals(d.classNames(), back.classNames());
        assertEquals("x0,x1,x2,x3,label", Files.readAllLines(file).get(0));
    }

    @Test
    void labelFirstWithoutHeaderIsMnistCsvLayout() throws IOException {
        Dataset d = Dataset.classification(new float[] {0, 255, 7, 0}, 2, 2, new int[] {3, 9}, 10);
        Path file = dir.resolve("mnist.csv");
        CsvWriter.write(file, d, false, LabelPosition.FIRST, null);
        assertEquals(List.of("3,0,255", "9,7,0"), Files.readAllLines(file));
        assertArrayEquals(new int[] {3, 9}, CsvReader.read(file, ReadOptions.defaults()).labels());
    }

    @Test
    void featuresOnlyAndRegressionTargetsRoundTrip() throws IOException {
        Dataset d = Dataset.regression(x, 4, 2, new float[] {1.5f, -2, 0, 7}, 1);
        Path file = dir.resolve("reg.csv");
        CsvWriter.write(file, d, true, LabelPosition.LAST, List.of("a", "b"));
        Dataset back = CsvReader.read(file, ReadOptions.defaults().withTargetColumns(List.of("target")));
        assertArrayEquals(x, back.features());
        assertArrayEquals(d.targets(), back.targets());
        Path features = dir.resolve("features.csv");
        CsvWriter.write(features, d, true, LabelPosition.NONE, null);
        assertFalse(CsvReader.read(features, ReadOptions.defaults()).hasTargets());
    }

    @Test
    void nonFiniteValueIsRefusedAndNothingIsWritten() {
        Dataset d = Dataset.unlabeled(new float[] {1, Float.NaN}, 1, 2);
        Path file = dir.resolve("nan.csv");
        assertThrows(IllegalArgumentException.class, () -> CsvWriter.write(file, d));
        assertEquals(0, dir.toFile().list().length);
    }
}

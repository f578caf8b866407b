package org.mlp4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.numpy.NdArray;
import org.mlp4j.formats.numpy.NpzWriter;

/** Which split of a file each use takes: training rows to train on, test rows to evaluate, valid rows to validate. */
class DataSourcesTest {
    @TempDir
    Path dir;

    /** An .npz of 3 train, 2 valid and 1 test rows; each split's labels say which split it is. */
    private Path threeSplits() throws Exception {
        Map<String, NdArray> a = new LinkedHashMap<>();
        a.put("x_train", NdArray.ofFloats(new float[] {1, 2, 3}, 3, 1));
        a.put("y_train", NdArray.ofLongs(new long[] {0, 0, 0}, 3));
        a.put("x_valid", NdArray.ofFloats(new float[] {4, 5}, 2, 1));
        a.put("y_valid", NdArray.ofLongs(new long[] {1, 1}, 2));
        a.put("x_test", NdArray.ofFloats(new float[] {6}, 1, 1));
        a.put("y_test", NdArray.ofLongs(new long[] {2}, 1));
        Path f = dir.resolve("s.npz");
        NpzWriter.write(f, a);
        return f;
    }

    @Test
    void trainingTakesTheTrainingRowsAndKeepsTheTestSplit() throws Exception {
        LoadedData d = DataSources.load(threeSplits().toString(), ReadOptions.defaults(), s -> { });
        assertEquals(3, d.data().rows());
        assertEquals(1, d.test().rows());
    }

    @Test
    void evaluationTakesTheTestSplitAndValidationTheValidSplit() throws Exception {
        String f = threeSplits().toString();
        assertArrayEquals(new float[] {6}, DataSources.loadForEvaluation(f, ReadOptions.defaults(), s -> { }).features());
        assertArrayEquals(new float[] {4, 5}, DataSources.loadForValidation(f, ReadOptions.defaults(), s -> { }).features());
    }

    @Test
    void anExplicitSplitOrKeyWinsAndKeepsNoOwnTestSplit() throws Exception {
        String f = threeSplits().toString();
        LoadedData valid = DataSources.load(f, ReadOptions.defaults().withSplit("valid"), s -> { });
        assertEquals(2, valid.data().rows());
        assertNull(valid.test());
        Dataset keyed = DataSources.loadForEvaluation(f, ReadOptions.defaults().withXKey("x_train"), s -> { });
        assertEquals(3, keyed.rows());
    }

    @Test
    void aCsvHasNoSplitsAndIsReadWholeForEveryUse() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "label,a\n1,0.5\n0,2\n");
        ReadOptions test = ReadOptions.defaults().withSplit("test");
        assertNull(DataSources.load(csv.toString(), ReadOptions.defaults(), s -> { }).test());
        assertEquals(2, DataSources.load(csv.toString(), test, s -> { }).data().rows());
        assertEquals(2, DataSources.loadForValidation(csv.toString(), ReadOptions.defaults(), s -> { }).rows());
    }
}

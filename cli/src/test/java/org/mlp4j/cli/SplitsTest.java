package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.numpy.NdArray;
import org.mlp4j.formats.numpy.NpzWriter;

/** {@code --test-split}, {@code --split-mode last|shuffle|stratified}, and a file's own valid split for {@code --validation}. */
class SplitsTest {
    @TempDir
    Path dir;

    /** 100 rows: the first 80 of class 0, the last 20 of class 1; feature = row index. */
    static Dataset sorted() {
        int n = 100;
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i < 80 ? 0 : 1;
        }
        return Dataset.classification(x, n, 1, y, 2);
    }

    @Test
    void lastHoldsOutTheLastRowsAsKerasDoes() {
        Dataset[] p = SplitMode.LAST.split(sorted(), 0.2, 1, 2, "--validation-split 0.2");
        assertEquals(80, p[0].rows());
        assertEquals(80f, p[1].features()[0]);
        assertEquals(List.of(0, 20), List.of(p[1].classCounts()[0], p[1].classCounts()[1]), "all of class 1");
    }

    @Test
    void shuffleHoldsOutASeededSampleInFileOrder() {
        Dataset[] a = SplitMode.SHUFFLE.split(sorted(), 0.2, 1, 2, "f");
        Dataset[] b = SplitMode.SHUFFLE.split(sorted(), 0.2, 1, 2, "f");
        Dataset[] c = SplitMode.SHUFFLE.split(sorted(), 0.2, 7, 2, "f");
        assertEquals(20, a[1].rows());
        assertEquals(java.util.Arrays.toString(a[1].features()), java.util.Arrays.toString(b[1].features()), "seeded");
        assertNotEquals(java.util.Arrays.toString(a[1].features()), java.util.Arrays.toString(c[1].features()));
        for (int i = 1; i < a[1].rows(); i++) {
            assertTrue(a[1].features()[i - 1] < a[1].features()[i], "file order kept");
        }
        assertTrue(a[1].features()[0] < 80, "not just the last rows");
    }

    @Test
    void stratifiedHoldsOutTheSameFractionOfEveryClass() {
        Dataset[] p = SplitMode.STRATIFIED.split(sorted(), 0.25, 1, 2, "f");
        assertEquals(20, p[1].classCounts()[0]);
        assertEquals(5, p[1].classCounts()[1]);
        assertEquals(60, p[0].classCounts()[0]);
        assertEquals(15, p[0].classCounts()[1]);
    }

    @Test
    void stratifiedOnRegressionIsAUsageError() {
        Dataset d = Dataset.regression(new float[10], 10, 1, new float[10], 1);
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> SplitMode.STRATIFIED.split(d, 0.2, 1, 1, "f"));
        assertTrue(e.getMessage().contains("needs class labels"), e.getMessage());
    }

    @Test
    void testSplitReplacesTheSourcesTestSplit() throws Exception {
        CliRun r = CliRun.of("train", "--test-split", "0.25", "--split-mode", "stratified", "--epochs", "2",
                "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) training rows, (\\d+) test rows").matcher(r.err);
        assertTrue(m.find(), r.err);
        int train = Integer.parseInt(m.group(1));
        int test = Integer.parseInt(m.group(2));
        assertEquals(1352, train + test, "the digits training split, divided");
        assertEquals(338, test, 5, "a quarter, rounded per class");
        assertTrue(r.out.contains("test: accuracy") && r.out.contains("on " + test + " rows"), r.out);
    }

    @Test
    void testAndTestSplitTogetherAreRefused() {
        CliRun r = CliRun.of("train", "--test", "digits", "--test-split", "0.2");
        assertEquals(2, r.status, r.toString());
    }

    @Test
    void validationOnAFileWithAValidSplitTakesThatSplit() throws Exception {
        Path npz = dir.resolve("three.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        put(arrays, "train", 40);
        put(arrays, "valid", 12);
        put(arrays, "test", 7);
        NpzWriter.write(npz, arrays);
        CliRun r = CliRun.of("train", "--data", npz.toString(), "--validation", npz.toString(), "--epochs", "1",
                "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.contains("40 training rows, 12 validation rows, 7 test rows"), r.err);
    }

    private static void put(Map<String, NdArray> arrays, String split, int rows) {
        float[] x = new float[rows * 2];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 2;
        }
        arrays.put("x_" + split, NdArray.ofFloats(x, rows, 2));
        arrays.put("y_" + split, NdArray.ofLongs(y, rows));
    }

    @Test
    void dataJsonHasTheTestSplitsRowCount() throws Exception {
        JsonNode j = CliRun.of("data", "digits", "--json").json();
        assertEquals(445, j.get("testRows").asInt());
    }
}

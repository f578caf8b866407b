package org.mlp4j.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;

/** The mapping rules from arrays to datasets, on values built in memory. */
class ArrayDatasetsTest {

    @Test
    void plainPythonListsAreArraysToo() throws Exception {
        Object pair = List.of(List.of(List.of(1L, 2L), List.of(3.5, 4L)), List.of(1L, 0L));
        Dataset d = ArrayDatasets.toDataset(pair, "f", null, null, null, null);
        assertArrayEquals(new float[] {1, 2, 3.5f, 4}, d.features());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void labelsBeyondTheClassLimitOrNegativeAreRegression() throws Exception {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        Dataset big = ArrayDatasets.toDataset(Map.of("x", x, "y", NdArray.ofLongs(new long[] {5, 250000}, 2)),
                "f", null, null, null, null);
        assertFalse(big.isClassification());
        Dataset neg = ArrayDatasets.toDataset(Map.of("x", x, "y", NdArray.ofInts(new int[] {-1, 1}, 2)),
                "f", null, null, null, null);
        assertFalse(neg.isClassification());
    }

    @Test
    void multiColumnTargetsThatAreNotOneHotAreMultiOutputRegression() throws Exception {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        NdArray y = NdArray.ofFloats(new float[] {1, 1, 0, 0}, 2, 2, 1);
        Dataset d = ArrayDatasets.toDataset(Map.of("x", x, "y", y), "f", null, null, null, LabelKind.AUTO);
        assertEquals(2, d.targetWidth());
        assertFalse(d.isClassification());
    }

    @Test
    void rowCountsMustAgree() {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        NdArray y = NdArray.ofLongs(new long[] {0, 1, 1}, 3);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ArrayDatasets.toDataset(Map.of("inputs", x, "labels", y), "f.pkl", null, null, null, null));
        assertEquals("f.pkl: key 'labels': expected labels for the 2 rows of key 'inputs' (2, 1); found ndarray(3,) int64",
                e.getMessage());
    }

    @Test
    void zeroRowsOfAHugeShapeAreRefusedNotOverflowed() {
        NdArray x = NdArray.of(DType.UINT8, new long[] {0, 1L << 30, 1L << 30}, new byte[0], 0, false);
        assertThrows(DataFormatException.class, () -> ArrayDatasets.toDataset(x, "f", null, null, null, null));
    }

    @Test
    void unknownLayoutsSayWhatTheyFound() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ArrayDatasets.toDataset(Map.of("a", 1L, "b", 2L), "f.pkl", null, null, null, null));
        assertTrue(e.getMessage().contains("found none of the key pairs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ArrayDatasets.toDataset(Map.of(), "f", null, null, "bogus", null));
    }
}

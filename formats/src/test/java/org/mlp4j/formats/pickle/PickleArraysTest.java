package org.mlp4j.formats.pickle;

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
import org.mlp4j.formats.Split;
import org.mlp4j.formats.numpy.DType;
import org.mlp4j.formats.numpy.LabelKind;
import org.mlp4j.formats.numpy.NdArray;

/** The mapping rules from a pickle's object graph to datasets, on values built in memory. */
class PickleArraysTest {

    @Test
    void plainPythonListsAreArraysToo() throws Exception {
        Object pair = List.of(List.of(List.of(1L, 2L), List.of(3.5, 4L)), List.of(1L, 0L));
        Dataset d = PickleArrays.toDataset(pair, "f", null, null, Split.TRAIN, null);
        assertArrayEquals(new float[] {1, 2, 3.5f, 4}, d.features());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void labelsBeyondTheClassLimitOrNegativeAreRegression() throws Exception {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        Dataset big = PickleArrays.toDataset(Map.of("x", x, "y", NdArray.ofLongs(new long[] {5, 250000}, 2)),
                "f", null, null, Split.TRAIN, null);
        assertFalse(big.isClassification());
        Dataset neg = PickleArrays.toDataset(Map.of("x", x, "y", NdArray.ofInts(new int[] {-1, 1}, 2)),
                "f", null, null, Split.TRAIN, null);
        assertFalse(neg.isClassification());
    }

    @Test
    void multiColumnTargetsThatAreNotOneHotAreMultiOutputRegression() throws Exception {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        NdArray y = NdArray.ofFloats(new float[] {1, 1, 0, 0}, 2, 2, 1);
        Dataset d = PickleArrays.toDataset(Map.of("x", x, "y", y), "f", null, null, Split.TRAIN, LabelKind.AUTO);
        assertEquals(2, d.targetWidth());
        assertFalse(d.isClassification());
    }

    @Test
    void rowCountsMustAgree() {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        NdArray y = NdArray.ofLongs(new long[] {0, 1, 1}, 3);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PickleArrays.toDataset(Map.of("inputs", x, "labels", y), "f.pkl", null, null, Split.TRAIN, null));
        assertEquals("f.pkl: key 'labels': expected labels for the 2 rows of key 'inputs' (2, 1); found ndarray(3,) int64",
                e.getMessage());
    }

    @Test
    void zeroRowsOfAHugeShapeAreRefusedNotOverflowed() {
        NdArray x = NdArray.of(DType.UINT8, new long[] {0, 1L << 30, 1L << 30}, new byte[0], 0, false);
        assertThrows(DataFormatException.class, () -> PickleArrays.toDataset(x, "f", null, null, Split.TRAIN, null));
    }

    @Test
    void unknownLayoutsSayWhatTheyFound() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> PickleArrays.toDataset(Map.of("a", 1L, "b", 2L), "f.pkl", null, null, Split.TRAIN, null));
        assertTrue(e.getMessage().contains("found none of the key pairs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PickleArrays.toDataset(Map.of(), "f", null, null, Split.parse("bogus"), null));
    }

    @Test
    void splitsAreListedForEveryLayoutAndNoneForOneNotUnderstood() {
        NdArray x = NdArray.ofFloats(new float[] {1, 2}, 2, 1);
        NdArray y = NdArray.ofLongs(new long[] {0, 1}, 2);
        List<Object> pair = List.of(x, y);
        assertEquals(List.of(Split.TRAIN), PickleArrays.splits(pair));
        assertEquals(List.of(Split.TRAIN, Split.VALID, Split.TEST), PickleArrays.splits(List.of(pair, pair, pair)));
        assertEquals(List.of(Split.TRAIN, Split.TEST), PickleArrays.splits(List.of(pair, pair)));
        assertEquals(List.of(Split.TRAIN, Split.VALID),
                PickleArrays.splits(Map.of("x_train", x, "y_train", y, "x_val", x, "y_val", y)));
        assertEquals(List.of(Split.TRAIN), PickleArrays.splits(x));
        assertEquals(List.of(), PickleArrays.splits(Map.of("a", 1L, "b", 2L)));
        assertEquals(List.of(), PickleArrays.splits("a str"));
    }
}

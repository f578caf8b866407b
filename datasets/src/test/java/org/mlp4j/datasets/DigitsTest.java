package org.mlp4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.mlp4j.engine.data.Dataset;
import org.junit.jupiter.api.Test;

/** The bundled digits and their documented stratified 75/25 split. */
class DigitsTest {

    @Test
    void allRowsAreThere() throws Exception {
        Dataset all = Digits.all();
        assertEquals(1797, all.rows());
        assertEquals(64, all.featureCount());
        assertEquals(10, all.classCount());
    }

    @Test
    void everyFourthRowOfEachClassIsATestRow() throws Exception {
        Dataset all = Digits.all();
        LoadedData split = Digits.load();
        int[] counts = all.classCounts();
        int[] test = split.test().classCounts();
        int[] train = split.data().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(counts[c] / 4, test[c], "class " + c);
            assertEquals(counts[c] - counts[c] / 4, train[c], "class " + c);
        }
        assertEquals(1797, split.data().rows() + split.test().rows());
        // the first test row is the fourth row of class 0 in file order
        int seen = 0;
        int fourth = -1;
        for (int i = 0; i < all.rows() && fourth < 0; i++) {
            if (all.labels()[i] == 0 && ++seen == 4) {
                fourth = i;
            }
        }
        float[] expected = java.util.Arrays.copyOfRange(all.features(), fourth * 64, fourth * 64 + 64);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(split.test().features(), 0, 64));
    }

    @Test
    void theSplitIsTheSameEveryTime() throws Exception {
        assertArrayEquals(Digits.load().test().features(), Digits.load().test().features());
    }
}

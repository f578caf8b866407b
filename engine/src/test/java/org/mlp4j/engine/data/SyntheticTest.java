package org.mlp4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Synthetic sets are seeded: same seed, same rows; balanced classes of the documented sizes. */
class SyntheticTest {

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        assertArrayEquals(Synthetic.spirals(50, 3, 1).features(), Synthetic.spirals(50, 3, 1).features());
        assertFalse(Arrays.equals(Synthetic.blobs(60, 4, 3, 1).features(), Synthetic.blobs(60, 4, 3, 2).features()));
    }

    @Test
    void shapesAndClassCounts() {
        Dataset s = Synthetic.spirals(100, 3, 1);
        assertEquals(300, s.rows());
        assertArrayEquals(new int[] {100, 100, 100}, s.classCounts());
        Dataset b = Synthetic.blobs(90, 5, 3, 1);
        assertEquals(5, b.featureCount());
        assertArrayEquals(new int[] {30, 30, 30}, b.classCounts());
        Dataset x = Synthetic.xor(200, 1);
        assertArrayEquals(new int[] {100, 100}, x.classCounts());
    }

    @Test
    void xorLabelsFollowTheCorner() {
        Dataset x = Synthetic.xor(8, 3);
        for (int i = 0; i < 8; i++) {
            int a = Math.round(x.features()[2 * i]);
            int b = Math.round(x.features()[2 * i + 1]);
            assertEquals(a ^ b, x.labels()[i]);
        }
    }
}

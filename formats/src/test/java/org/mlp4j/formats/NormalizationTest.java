package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.Normalization.Mode;

class NormalizationTest {
    private static Dataset data(float... x) {
        return Dataset.unlabeled(x, x.length / 2, 2);
    }

    @Test
    void autoDividesPixelsByTheirMaximum() {
        Normalization n = Normalization.fit(Mode.AUTO, data(0, 255, 128, 0));
        assertArrayEquals(new float[] {1f / 255}, n.scale());
        assertArrayEquals(new float[] {0f}, n.shift());
        float[] x = {255, 0};
        n.apply(x, 1, 2);
        assertEquals(1f, x[0], 1e-6f);
    }

    @Test
    void autoScalesDigitsFrom0To16() {
        assertArrayEquals(new float[] {1f / 16}, Normalization.fit(Mode.AUTO, data(0, 16, 3, 2)).scale());
    }

    @Test
    void autoLeavesDataAlreadyIn0To1Alone() {
        assertTrue(Normalization.fit(Mode.AUTO, data(0, 1, 0.5f, 0)).isIdentity());
    }

    @Test
    void noneIsIdentity() {
        assertTrue(Normalization.fit(Mode.NONE, data(0, 255, 1, 1)).isIdentity());
    }

    @Test
    void maxDividesByTheLargestMagnitude() {
        assertArrayEquals(new float[] {0.25f}, Normalization.fit(Mode.MAX, data(-4, 2, 1, 0)).scale());
    }

    @Test
    void standardCentresAndScalesEachFeature() {
        Normalization n = Normalization.fit(Mode.STANDARD, data(1, 10, 3, 10));
        assertArrayEquals(new float[] {2, 10}, n.shift());
        assertArrayEquals(new float[] {1, 1}, n.scale()); // std of {1,3} is 1; the constant feature keeps scale 1
        Dataset scaled = n.apply(data(1, 10, 3, 10));
        assertArrayEquals(new float[] {-1, 0, 1, 0}, scaled.features());
    }

    @Test
    void applyToADatasetLeavesTheOriginalUntouched() {
        Dataset raw = data(0, 255, 255, 0);
        Dataset scaled = Normalization.fit(Mode.AUTO, raw).apply(raw);
        assertEquals(255f, raw.features()[1]);
        assertEquals(1f, scaled.features()[1], 1e-6f);
    }

    @Test
    void identityApplyIsANoOp() {
        float[] x = {3, 4};
        Normalization.identity().apply(x, 1, 2);
        assertArrayEquals(new float[] {3, 4}, x);
        assertSame(Normalization.identity(), Normalization.fit(Mode.NONE, data(1, 2)));
    }

    @Test
    void perFeatureValuesMustMatchTheFeatureCount() {
        Normalization n = Normalization.of(new float[] {0, 0, 0}, new float[] {1, 1, 2});
        assertFalse(n.isIdentity());
        assertThrows(IllegalArgumentException.class, () -> n.apply(new float[4], 2, 2));
    }

    @Test
    void modesParseByName() {
        assertEquals(Mode.STANDARD, Mode.parse("Standard"));
        assertThrows(IllegalArgumentException.class, () -> Mode.parse("minmax"));
    }
}

package org.mlp4j.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.data.Dataset;

class DescriptionTest {
    @Test
    void describesSizeClassesAndRawValueRange() {
        Dataset d = Dataset.classification(new float[] {0, 255, 16, 1, 2, 3}, 3, 2, new int[] {1, 0, 1}, List.of("a", "b"));
        Description s = Description.describe(d);
        assertEquals(3, s.rows());
        assertEquals(2, s.features());
        assertEquals(List.of("a", "b"), s.classes());
        assertArrayEquals(new int[] {1, 2}, s.classCounts());
        assertEquals(0f, s.min());
        assertEquals(255f, s.max());
        assertEquals(277 / 6.0, s.mean(), 1e-9);
        assertEquals("3 rows × 2 features, 2 classes {a: 1, b: 2}, values 0.0..255.0, mean 46.17", s.toString());
    }

    @Test
    void describesRegressionTargets() {
        Description s = Description.describe(Dataset.regression(new float[] {1, 2}, 2, 1, new float[] {0, 0, 1, 1}, 2));
        assertEquals(2, s.targetWidth());
        assertEquals(2, s.toMap().get("targets"));
    }
}

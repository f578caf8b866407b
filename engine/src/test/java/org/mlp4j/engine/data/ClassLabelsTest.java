package org.mlp4j.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A label's value never decides how many classes (and so how much memory) there are. */
class ClassLabelsTest {
    @Test
    void denseLabelsAreTheClassIndicesThemselves() {
        ClassLabels c = ClassLabels.of(new int[] {3, 0, 9, 1});
        assertArrayEquals(new int[] {3, 0, 9, 1}, c.labels());
        assertEquals(Dataset.numberedClasses(10), c.names());
    }

    @Test
    void aSmallFileMissingSomeClassesStillNumbersThemUpToItsLargestLabel() {
        assertEquals(200, ClassLabels.of(new int[] {0, 199}).names().size());
    }

    @Test
    void oneHugeLabelIsOneClassNamedByItsValue() {
        ClassLabels c = ClassLabels.of(new int[] {2_000_000_000});
        assertArrayEquals(new int[] {0}, c.labels());
        assertEquals(List.of("2000000000"), c.names());
    }

    @Test
    void sparseAndNegativeLabelsAreRemappedInAscendingOrder() {
        ClassLabels c = ClassLabels.of(new int[] {70000, -1, 5000, -1, 70000});
        assertArrayEquals(new int[] {2, 0, 1, 0, 2}, c.labels());
        assertEquals(List.of("-1", "5000", "70000"), c.names());
    }

    @Test
    void theInputArrayIsNotChangedByRemapping() {
        int[] values = {1_000_000, 7};
        ClassLabels.of(values);
        assertArrayEquals(new int[] {1_000_000, 7}, values);
    }
}

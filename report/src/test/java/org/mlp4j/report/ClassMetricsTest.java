package org.mlp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Per-class metrics and their averages, checked against scikit-learn's classification_report. */
class ClassMetricsTest {
    // y_true = [0,0,0,1,1,2], y_pred = [0,0,1,1,2,2]  (and class 3 never occurs nor is predicted)
    static final int[][] CONFUSION = {{2, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 0}};

    @Test
    void perClassPrecisionRecallF1AndSupport() {
        ClassMetrics m = new ClassMetrics(CONFUSION);
        assertEquals(1.0, m.precision[0], 1e-12);
        assertEquals(2 / 3.0, m.recall[0], 1e-12);
        assertEquals(0.8, m.f1[0], 1e-12);
        assertEquals(0.5, m.precision[1], 1e-12);
        assertEquals(0.5, m.recall[1], 1e-12);
        assertEquals(0.5, m.precision[2], 1e-12);
        assertEquals(1.0, m.recall[2], 1e-12);
        assertEquals(2 / 3.0, m.f1[2], 1e-12);
        assertEquals(0, m.precision[3]);   // zero_division=0
        assertEquals(3, m.support[0]);
        assertEquals(6, m.total);
        assertEquals(4 / 6.0, m.accuracy, 1e-12);
    }

    @Test
    void macroAndWeightedAveragesAsScikitLearn() {
        ClassMetrics m = new ClassMetrics(CONFUSION);
        // sklearn: macro over the 4 labels given; weighted by support 3, 2, 1, 0
        assertEquals((1 + 0.5 + 0.5 + 0) / 4, m.macro()[0], 1e-12);
        assertEquals((0.8 + 0.5 + 2 / 3.0 + 0) / 4, m.macro()[2], 1e-12);
        assertEquals((3 * 1 + 2 * 0.5 + 1 * 0.5) / 6, m.weighted()[0], 1e-12);
        assertEquals(m.accuracy, m.weighted()[1], 1e-12);   // weighted recall is the accuracy
    }
}

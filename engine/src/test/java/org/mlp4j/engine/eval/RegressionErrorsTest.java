package org.mlp4j.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RMSE, MAE and R² per target column, as scikit-learn computes them. */
class RegressionErrorsTest {

    @Test
    void oneColumnByHand() {
        float[] y = {1, 2, 3, 4};
        float[] p = {1, 2, 3, 6};
        RegressionErrors e = RegressionErrors.of(p, y, 4, 1);
        assertEquals(1.0, e.rmse()[0], 1e-12);         // sqrt(4/4)
        assertEquals(0.5, e.mae()[0], 1e-12);          // 2/4
        assertEquals(1 - 4 / 5.0, e.r2()[0], 1e-12);   // SST = 2.25+0.25+0.25+2.25 = 5
    }

    @Test
    void columnsAreIndependentAndAConstantTargetHasNoR2() {
        // row-major, two targets: the second is constant
        float[] y = {1, 7, 2, 7, 3, 7};
        float[] p = {1, 7, 2, 8, 4, 7};
        RegressionErrors e = RegressionErrors.of(p, y, 3, 2);
        assertEquals(2, e.targets());
        assertEquals(Math.sqrt(1 / 3.0), e.rmse()[0], 1e-12);
        assertEquals(1 / 3.0, e.mae()[0], 1e-12);
        assertEquals(1 - 1 / 2.0, e.r2()[0], 1e-12);   // SST = 1+0+1
        assertEquals(Math.sqrt(1 / 3.0), e.rmse()[1], 1e-12);
        assertTrue(Double.isNaN(e.r2()[1]));
    }
}

package org.mlp4j.report.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.formats.Normalization;

/** Numbers as people read them: at most 6 significant digits, integers unchanged. */
class NumbersTest {
    @Test
    void doublesGetSixSignificantDigitsAtMost() {
        assertEquals("0.952809", Numbers.number(0.952808988764045));
        assertEquals("0.1", Numbers.number(0.1));
        assertEquals("0.185096", Numbers.number(0.18509645747775663));
        assertEquals("1e-08", Numbers.number(1e-8));
        assertEquals("1.23457e12", Numbers.number(1.2345678e12));
        assertEquals("20", Numbers.number(20.0));
        assertEquals("NaN", Numbers.number(Double.NaN));
    }

    @Test
    void valuesKeepIntegersAndInlineListsAndMaps() {
        assertEquals("32", Numbers.show(32));
        assertEquals("12345678901", Numbers.show(12345678901L));
        assertEquals("sgd", Numbers.show("sgd"));
        assertEquals("0.5, 2", Numbers.show(List.of(0.5, 2)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factor", 0.123456789);
        m.put("patience", 3);
        assertEquals("factor 0.123457, patience 3", Numbers.show(m));
        assertEquals("—", Numbers.show(null));
    }

    @Test
    void scalingReadsAsADivisionWhenItIsOne() {
        assertEquals("x / 255", Scaling.describe(Normalization.of(0f, 1f / 255)));
        assertEquals("x / 16", Scaling.describe(Normalization.of(0f, 0.0625f)));
        assertEquals("(x − 0.5) · 2.5", Scaling.describe(Normalization.of(0.5f, 2.5f)));
        assertEquals("none", Scaling.describe(null));
        assertEquals("none", Scaling.describe(Normalization.identity()));
        assertEquals("per feature: (x − shift) · scale over 2 features (standardised)",
                Scaling.describe(Normalization.of(new float[] {1, 2}, new float[] {0.5f, 0.25f})));
    }
}

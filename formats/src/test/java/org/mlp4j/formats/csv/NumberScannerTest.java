package org.mlp4j.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberScannerTest {
    private final NumberScanner scanner = new NumberScanner();

    private float parse(String s) {
        byte[] b = (s + ",").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(scanner.scan(b, 0), s);
        assertEquals(b.length - 1, scanner.end, s);
        return scanner.value;
    }

    private void assertSameAsParseFloat(String s) {
        assertEquals(Float.floatToRawIntBits(Float.parseFloat(s)), Float.floatToRawIntBits(parse(s)), s);
    }

    @Test
    void integersSignsDecimalsAndExponentsParse() {
        for (String s : new String[] {"0", "-0", "+7", "255", "1.5", "-.5", "5.", "1e3", "1E-3", "-2.5e+2", "0.1",
            "3.4028235E38", "1.4E-45", "1.17549435E-38", "16777217", "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001", "1e-50", "1e50", "007", "0.30000001192092896"}) {
            assertSameAsParseFloat(s);
        }
    }

    @Test
    void decimalThatIsExactlyAFloatMidpointRoundsToEven() {
        assertEquals(16777216f, parse("16777217.0"));
        assertEquals(16777220f, parse("16777219.0"));
    }

    @Test
    void negativeZeroKeepsItsSign() {
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(parse("-0.0")));
    }

    @Test
    void randomDecimalsRoundExactlyLikeParseFloat() {
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) {
                continue;
            }
            assertSameAsParseFloat(Float.toString(f));
            assertSameAsParseFloat(Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(30) - 15)));
            assertSameAsParseFloat(new BigDecimal(r.nextLong() % 100_000_000_000L).movePointLeft(r.nextInt(12)).toPlainString());
        }
    }

    @Test
    void exactFloatMidpointsRoundToEven() {
        // 1 + 2^-24 lies exactly between 1 and the next float; as a double it is exact, so narrowing would round
        // twice. Such values must still round like Float.parseFloat.
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt(0x7f00_0000) + 0x0080_0000);
            double mid = ((double) f + (double) Math.nextUp(f)) / 2;
            assertSameAsParseFloat(new BigDecimal(mid).toString());
            assertSameAsParseFloat(new BigDecimal(mid).add(new BigDecimal("1e-60")).toString());
            // Decimals short enough for the fast path whose nearest double may be the midpoint itself.
            for (int digits = 8; digits <= 16; digits++) {
                assertSameAsParseFloat(new BigDecimal(mid).round(new MathContext(digits)).toString());
            }
        }
    }

    @Test
    void nonNumbersAreRefused() {
        for (String s : new String[] {"", "-", ".", "e5", "abc", "1e", "NaN", "Infinity", "+"}) {
            assertFalse(scanner.isNumber(s), s);
        }
        assertFalse(scanner.isNumber("1x"));
        assertTrue(scanner.isNumber(" 12 "));
    }
}

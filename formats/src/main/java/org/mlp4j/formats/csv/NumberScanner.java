package org.mlp4j.formats.csv;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number straight from bytes into a correctly rounded float, without creating a String.
 *
 * <p>Syntax: optional sign, digits with an optional fraction ({@code 12}, {@code 1.5}, {@code .5}, {@code 5.}),
 * optional exponent ({@code e-3}, {@code E+07}). Rounding is exactly that of {@link Float#parseFloat}:
 * <ul>
 *   <li>integers (up to 17 significant digits) convert from {@code long}, which Java rounds correctly;</li>
 *   <li>decimals with at most 2^53 as significand and a power of ten up to 10^22 are computed as one correctly
 *       rounded double operation (Clinger's fast path) and then narrowed to float. Narrowing rounds twice, which
 *       is only wrong when the double lands exactly on a midpoint between two floats; that case (and the
 *       subnormal range, where the midpoints are elsewhere) goes to the slow path;</li>
 *   <li>everything else (long significands, big exponents) is handed to {@link Float#parseFloat}.</li>
 * </ul>
 * Not thread-safe: one scanner per reader.
 */
final class NumberScanner {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** Below this the significand still has room for one more digit without overflowing a long. */
    private static final long ROOM = 100_000_000_000_000_000L;
    private static final long TWO_TO_53 = 1L << 53;

    /** Position just after the last byte of the number scanned. */
    int end;
    /** The value scanned. */
    float value;

    /**
     * Scans a number starting at {@code p}. The buffer must hold a byte that is not part of a number after it
     * (the reader guarantees a final {@code '\n'}). Returns false, leaving {@link #end} unspecified, when there is
     * no number at {@code p}; the caller decides whether what follows the number is acceptable.
     */
    boolean scan(byte[] b, int p) {
        boolean negative = false;
        byte c = b[p];
        if (c == '-') {
            negative = true;
            c = b[++p];
        } else if (c == '+') {
            c = b[++p];
        }
        int magnitudeStart = p;
        long significand = 0;
        int exponent = 0;
        boolean truncated = false;
        int digits = 0;
        while (c >= '0' && c <= '9') {
            if (significand < ROOM) {
                significand = significand * 10 + (c - '0');
            } else {
                exponent++;
                truncated |= c != '0';
            }
            digits++;
            c = b[++p];
        }
        if (c == '.') {
            c = b[++p];
            while (c >= '0' && c <= '9') {
                if (significand < ROOM) {
                    significand = significand * 10 + (c - '0');
                    exponent--;
                } else {
                    truncated |= c != '0';
                }
                digits++;
                c = b[++p];
            }
        }
        if (digits == 0) {
            return false;
        }
        if (c == 'e' || c == 'E') {
            c = b[++p];
            boolean negativeExponent = false;
            if (c == '-') {
                negativeExponent = true;
                c = b[++p];
            } else if (c == '+') {
                c = b[++p];
            }
            int exponentStart = p;
            int e = 0;
            while (c >= '0' && c <= '9') {
                if (e < 100_000) { // beyond any float's range; capping keeps the int from overflowing
                    e = e * 10 + (c - '0');
                }
                c = b[++p];
            }
            if (p == exponentStart) {
                return false;
            }
            exponent += negativeExponent ? -e : e;
        }
        end = p;
        float magnitude;
        if (significand == 0 && !truncated) {
            magnitude = 0f;
        } else if (exponent == 0 && !truncated) {
            magnitude = (float) significand;
        } else if (!truncated && significand <= TWO_TO_53 && exponent >= -22 && exponent <= 22) {
            double d = exponent < 0 ? significand / POW10[-exponent] : significand * POW10[exponent];
            magnitude = d < Float.MIN_NORMAL || isFloatMidpoint(d) ? slow(b, magnitudeStart, p) : (float) d;
        } else {
            magnitude = slow(b, magnitudeStart, p);
        }
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /** Whether a double in the normal float range lies exactly halfway between two floats. */
    private static boolean isFloatMidpoint(double d) {
        // A double has 52 fraction bits, a float 23: the 29 bits a narrowing drops are exactly 100…0 at a midpoint.
        return (Double.doubleToRawLongBits(d) & 0x1FFF_FFFFL) == 0x1000_0000L;
    }

    private static float slow(byte[] b, int from, int to) {
        return Float.parseFloat(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** Whether the whole of {@code text} (spaces around allowed) is a number. */
    boolean isNumber(String text) {
        byte[] b = (text.strip() + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return b.length > 1 && scan(b, 0) && end == b.length - 1;
    }
}

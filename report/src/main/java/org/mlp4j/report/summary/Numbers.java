package org.mlp4j.report.summary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How settings and metrics read to a person: short numbers (no 17-digit doubles), lists and maps inline. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * A value for display: integers as they are, other numbers with up to 6 significant digits ({@code 0.873046875}
     * → {@code 0.873047}, {@code 1e-8} → {@code 1e-08}), strings as they are, lists and maps inline.
     */
    public static String show(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof Number) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder();
            for (Object o : (List<?>) v) {
                sb.append(sb.length() == 0 ? "" : ", ").append(show(o));
            }
            return sb.toString();
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(show(e.getValue()));
            }
            return sb.toString();
        }
        return v.toString();
    }

    /** A double with up to 6 significant digits, no trailing zeros; "NaN" and "∞" spelled out. */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "∞" : "−∞";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.6g", d);
        if (s.contains("e")) {
            String mantissa = s.substring(0, s.indexOf('e'));
            String exp = s.substring(s.indexOf('e'));
            return stripZeros(mantissa) + exp.replace("e+", "e");
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

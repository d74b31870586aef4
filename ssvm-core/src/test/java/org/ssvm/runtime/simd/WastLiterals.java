package org.ssvm.runtime.simd;

import java.math.BigInteger;

/** Numeric literals of the WebAssembly text format, for reading the spec scripts in tests. */
final class WastLiterals {
    private WastLiterals() {}

    /** Parses an integer literal (signed or unsigned, decimal or hex, with underscores) to its low {@code bits}. */
    static long integer(String text, int bits) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger v = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
        if (negative) {
            v = v.negate();
        }
        long x = v.longValue();
        return bits == 64 ? x : x & ((1L << bits) - 1);
    }

    /** Parses an f32 literal to its bits; nan:canonical / nan:arithmetic are not literals and are rejected. */
    static int f32(String text) {
        String t = text.replace("_", "");
        int sign = t.startsWith("-") ? 0x80000000 : 0;
        String m = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (m.equals("inf")) {
            return sign | 0x7F800000;
        }
        if (m.equals("nan")) {
            return sign | 0x7FC00000;
        }
        if (m.startsWith("nan:0x")) {
            return sign | 0x7F800000 | Integer.parseInt(m.substring(6), 16);
        }
        float f = Float.parseFloat(javaSyntax(m));
        return Float.floatToRawIntBits(f) | sign;
    }

    static long f64(String text) {
        String t = text.replace("_", "");
        long sign = t.startsWith("-") ? Long.MIN_VALUE : 0;
        String m = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (m.equals("inf")) {
            return sign | 0x7FF0000000000000L;
        }
        if (m.equals("nan")) {
            return sign | 0x7FF8000000000000L;
        }
        if (m.startsWith("nan:0x")) {
            return sign | 0x7FF0000000000000L | Long.parseLong(m.substring(6), 16);
        }
        double d = Double.parseDouble(javaSyntax(m));
        return Double.doubleToRawLongBits(d) | sign;
    }

    /** Java requires a binary exponent on hex floats. */
    private static String javaSyntax(String m) {
        if (m.startsWith("0x") && !m.contains("p") && !m.contains("P")) {
            return m + "p0";
        }
        return m;
    }
}

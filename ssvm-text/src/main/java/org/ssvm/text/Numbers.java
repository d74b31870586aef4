package org.ssvm.text;

import java.math.BigInteger;

/**
 * Converts numeric literals of the text format to bits. Integers may be decimal or hexadecimal with {@code _}
 * between digits; floats may be decimal or hexadecimal (binary exponent {@code p}), {@code inf}, {@code nan} or
 * {@code nan:0x...}. Floats are rounded exactly once, to nearest-even, directly to the target width, so f32
 * literals never suffer double rounding through f64.
 *
 * <p>Failures throw {@link NumberFormatException} whose message is the spec's category ("unknown operator"
 * for bad syntax, "constant out of range" for values that do not fit); the parser adds the location.
 */
public final class Numbers {
    static final String SYNTAX = "unknown operator";
    static final String RANGE = "constant out of range";

    private Numbers() {
    }

    /** Whether the atom looks like a number (so that it is not a keyword). */
    public static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return c >= '0' && c <= '9' || s.startsWith("inf", i) || s.startsWith("nan", i);
    }

    /** An unsigned 32-bit natural (index, offset, alignment): no sign allowed. */
    public static long parseU32(String s) {
        if (s.isEmpty() || s.charAt(0) == '+' || s.charAt(0) == '-') {
            throw new NumberFormatException(SYNTAX);
        }
        long v = magnitude(s, 0);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new NumberFormatException(RANGE);
        }
        return v;
    }

    /**
     * An integer literal of the given width (8, 16, 32 or 64 bits) accepted in the signed or unsigned range,
     * returned as its two's-complement bits (sign-extended to long for widths below 64).
     */
    public static long parseInt(String s, int bits) {
        boolean negative = false;
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long mag = magnitude(s, i);
        if (bits == 64) {
            if (negative) {
                if (Long.compareUnsigned(mag, Long.MIN_VALUE) > 0) {
                    throw new NumberFormatException(RANGE);
                }
                return -mag;
            }
            return mag;
        }
        long limit = negative ? 1L << (bits - 1) : (1L << bits) - 1;
        if (mag < 0 || mag > limit) {
            throw new NumberFormatException(RANGE);
        }
        long v = negative ? -mag : mag;
        int shift = 64 - bits;
        return v << shift >> shift;
    }

    /** Unsigned magnitude of the digits from {@code i}; overflow of 64 bits is a range error. */
    private static long magnitude(String s, int i) {
        int n = s.length();
        int base = 10;
        if (s.startsWith("0x", i)) {
            base = 16;
            i += 2;
        }
        if (i >= n) {
            throw new NumberFormatException(SYNTAX);
        }
        long v = 0;
        boolean overflow = false;
        boolean lastUnderscore = true;
        long maxBeforeMul = Long.divideUnsigned(-1L, base);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (lastUnderscore) {
                    throw new NumberFormatException(SYNTAX);
                }
                lastUnderscore = true;
                continue;
            }
            int d = Character.digit(c, base);
            if (d < 0 || c > 'f') {
                throw new NumberFormatException(SYNTAX);
            }
            lastUnderscore = false;
            if (Long.compareUnsigned(v, maxBeforeMul) > 0) {
                overflow = true;
            }
            long next = v * base + d;
            if (Long.compareUnsigned(next, v * base) < 0) {
                overflow = true;
            }
            v = next;
        }
        if (lastUnderscore) {
            throw new NumberFormatException(SYNTAX);
        }
        if (overflow) {
            throw new NumberFormatException(RANGE);
        }
        return v;
    }

    /** An f32 literal as raw bits. */
    public static int parseF32(String s) {
        return (int) parseFloat(s, 23, 8);
    }

    /** An f64 literal as raw bits. */
    public static long parseF64(String s) {
        return parseFloat(s, 52, 11);
    }

    private static long parseFloat(String s, int mantBits, int expBits) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long expMask = (1L << expBits) - 1;
        long signBit = negative ? 1L << (mantBits + expBits) : 0;
        if (s.startsWith("inf", i) && s.length() == i + 3) {
            return signBit | expMask << mantBits;
        }
        if (s.startsWith("nan", i)) {
            long payload;
            if (s.length() == i + 3) {
                payload = 1L << (mantBits - 1);
            } else if (s.startsWith(":0x", i + 3)) {
                payload = magnitude(s, i + 4);
                if (payload == 0 || payload >= 1L << mantBits) {
                    throw new NumberFormatException(RANGE);
                }
            } else {
                throw new NumberFormatException(SYNTAX);
            }
            return signBit | expMask << mantBits | payload;
        }
        boolean hex = s.startsWith("0x", i);
        int base = hex ? 16 : 10;
        if (hex) {
            i += 2;
        }
        // mantissa digits: integer part, optional '.', optional fraction
        StringBuilder digits = new StringBuilder(s.length());
        int fracDigits = 0;
        int n = s.length();
        i = scanDigits(s, i, base, digits, false);
        if (i < n && s.charAt(i) == '.') {
            int before = digits.length();
            i = scanDigits(s, i + 1, base, digits, true);
            fracDigits = digits.length() - before;
        }
        long exp = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E') {
                i++;
                boolean expNeg = false;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    expNeg = s.charAt(i) == '-';
                    i++;
                }
                StringBuilder ed = new StringBuilder();
                i = scanDigits(s, i, 10, ed, false);
                for (int k = 0; k < ed.length(); k++) {
                    exp = Math.min(exp * 10 + (ed.charAt(k) - '0'), 1_000_000_000L);
                }
                if (expNeg) {
                    exp = -exp;
                }
            } else {
                throw new NumberFormatException(SYNTAX);
            }
        }
        if (i != n) {
            throw new NumberFormatException(SYNTAX);
        }
        BigInteger mant = new BigInteger(digits.toString(), base);
        long bits;
        if (mant.signum() == 0) {
            bits = 0;
        } else if (hex) {
            bits = round(mant, BigInteger.ONE, exp - 4L * fracDigits, mantBits, expBits);
        } else {
            long e10 = exp - fracDigits;
            int significant = mant.toString().length();
            if (e10 + significant > 400) {
                bits = expMask << mantBits;
            } else if (e10 + significant < -400) {
                bits = 0;
            } else if (e10 >= 0) {
                bits = round(mant.multiply(BigInteger.TEN.pow((int) e10)), BigInteger.ONE, 0, mantBits, expBits);
            } else {
                bits = round(mant, BigInteger.TEN.pow((int) -e10), 0, mantBits, expBits);
            }
        }
        if (bits == expMask << mantBits) {
            // a finite literal that rounds to infinity is out of range
            throw new NumberFormatException(RANGE);
        }
        return signBit | bits;
    }

    /**
     * Appends the digits at {@code i} (underscores allowed only between digits) and returns the index after
     * them. At least one digit is required unless {@code optional}.
     */
    private static int scanDigits(String s, int i, int base, StringBuilder out, boolean optional) {
        int n = s.length();
        int start = out.length();
        boolean lastUnderscore = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '_') {
                if (lastUnderscore || out.length() == start) {
                    throw new NumberFormatException(SYNTAX);
                }
                lastUnderscore = true;
            } else if (Character.digit(c, base) >= 0 && c <= 'f') {
                out.append(c);
                lastUnderscore = false;
            } else {
                break;
            }
            i++;
        }
        if (lastUnderscore || !optional && out.length() == start) {
            throw new NumberFormatException(SYNTAX);
        }
        return i;
    }

    /**
     * Rounds the positive value {@code num / den * 2^e2} to nearest-even in the IEEE format with the given field
     * widths and returns its bits (sign clear). Overflow gives infinity, underflow zero or a subnormal.
     */
    static long round(BigInteger num, BigInteger den, long e2, int mantBits, int expBits) {
        int p = mantBits + 1;
        long bias = (1L << (expBits - 1)) - 1;
        long emin = 1 - bias;
        long emax = bias;
        long inf = ((1L << expBits) - 1) << mantBits;
        // E such that 2^E <= value < 2^(E+1)
        long e = (long) num.bitLength() - den.bitLength() + e2;
        if (e > emax + 2) {
            return inf;
        }
        if (e < emin - p - 2) {
            return 0;
        }
        long k = e - e2;
        int cmp = k >= 0 ? num.compareTo(den.shiftLeft((int) k)) : num.shiftLeft((int) -k).compareTo(den);
        if (cmp < 0) {
            e--;
        }
        if (e > emax) {
            return inf;
        }
        if (e < emin - p - 1) {
            return 0;
        }
        long ee = Math.max(e, emin);
        long shift = p - 1 - ee + e2;
        BigInteger n = num;
        BigInteger d = den;
        if (shift >= 0) {
            n = n.shiftLeft((int) shift);
        } else {
            d = d.shiftLeft((int) -shift);
        }
        BigInteger[] qr = n.divideAndRemainder(d);
        long q = qr[0].longValueExact();
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || half == 0 && (q & 1) != 0) {
            q++;
        }
        if (q == 1L << p) {
            q >>= 1;
            ee++;
        }
        if (ee > emax) {
            return inf;
        }
        if (q < 1L << (p - 1)) {
            return q;
        }
        return (ee + bias) << mantBits | (q - (1L << (p - 1)));
    }
}

package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void integersInAllForms() {
        assertEquals(0, Numbers.parseInt("0", 32));
        assertEquals(-1, Numbers.parseInt("0xffffffff", 32));
        assertEquals(-1, Numbers.parseInt("4294967295", 32));
        assertEquals(Integer.MIN_VALUE, Numbers.parseInt("-2147483648", 32));
        assertEquals(Integer.MIN_VALUE, Numbers.parseInt("-0x8000_0000", 32));
        assertEquals(1_000_000, Numbers.parseInt("+1_000_000", 32));
        assertEquals(-1L, Numbers.parseInt("18446744073709551615", 64));
        assertEquals(Long.MIN_VALUE, Numbers.parseInt("-9223372036854775808", 64));
        assertEquals(0xABCDEFL, Numbers.parseInt("0xAbC_dEf", 64));
        assertEquals(-128, Numbers.parseInt("-128", 8));
        assertEquals(-1, Numbers.parseInt("255", 8));
        assertEquals(0xFFFF_FFFFL, Numbers.parseU32("0xffff_ffff"));
    }

    @Test
    void integerErrors() {
        assertRange(() -> Numbers.parseInt("4294967296", 32));
        assertRange(() -> Numbers.parseInt("-2147483649", 32));
        assertRange(() -> Numbers.parseInt("18446744073709551616", 64));
        assertRange(() -> Numbers.parseInt("-9223372036854775809", 64));
        assertRange(() -> Numbers.parseInt("256", 8));
        assertRange(() -> Numbers.parseU32("0x1_0000_0000"));
        for (String bad : new String[] {"", "0x", "1_", "_1", "1__0", "0x_1", "1x", "0xg", "1.0", "+", "--1"}) {
            assertSyntax(() -> Numbers.parseInt(bad, 32), bad);
        }
        assertSyntax(() -> Numbers.parseU32("+1"), "+1");
    }

    @Test
    void floatEdgeCases() {
        assertEquals(0x00000001, Numbers.parseF32("0x1p-149"));
        assertEquals(0x7F7FFFFF, Numbers.parseF32("0x1.fffffep127"));
        assertEquals(0x7F7FFFFF, Numbers.parseF32("3.4028234e38"));
        assertEquals(0x00800000, Numbers.parseF32("0x1p-126"));
        assertEquals(0x1L, Numbers.parseF64("0x1p-1074"));
        assertEquals(0x7FEFFFFFFFFFFFFFL, Numbers.parseF64("0x1.fffffffffffffp1023"));
        assertEquals(0x3FB999999999999AL, Numbers.parseF64("0.1"));
        assertEquals(0x3DCCCCCD, Numbers.parseF32("0.1"));
        assertEquals(0x80000000, Numbers.parseF32("-0x0p0"));
        assertEquals(0x80000000, Numbers.parseF32("-0x1p-150"), "tie rounds to even zero");
        assertEquals(0x00000002, Numbers.parseF32("0x1.8p-149"), "tie rounds to even");
        assertEquals(0x00000001, Numbers.parseF32("0x1.000001p-149"));
        assertEquals(0x3F800000, Numbers.parseF32("1."));
        assertEquals(0x3F870000, Numbers.parseF32("0x1.0ep0"), "e is a hex digit");
        assertEquals(0x3F800000, Numbers.parseF32("1.e0"));
        assertEquals(0x44800000, Numbers.parseF32("1_024"));
        assertEquals(0x7F800000, Numbers.parseF32("inf"));
        assertEquals(0xFF800000, Numbers.parseF32("-inf"));
        assertEquals(0x7FC00000, Numbers.parseF32("nan"));
        assertEquals(0xFFC00000, Numbers.parseF32("-nan"));
        assertEquals(0x7F800001, Numbers.parseF32("nan:0x1"));
        assertEquals(0x7FFFFFFF, Numbers.parseF32("+nan:0x7f_ffff"));
        assertEquals(0x7FF0000000000001L, Numbers.parseF64("nan:0x1"));
        assertEquals(0x7FF4000000000000L, Numbers.parseF64("nan:0x4000000000000"));
    }

    @Test
    void f32IsRoundedOnceNotThroughF64() {
        // 1 + 2^-24 + 2^-60: rounding to f64 first gives the tie 1 + 2^-24, which would then round down to 1
        assertEquals(0x3F800001, Numbers.parseF32("0x1.00000100000001p0"));
        // the same value in decimal: 1.000000059604644776...
        assertEquals(0x3F800001, Numbers.parseF32("1.00000005960464477539062500000000000001"));
        assertEquals(0x3F800000, Numbers.parseF32("1.000000059604644775390625"));
    }

    @Test
    void floatErrors() {
        assertRange(() -> Numbers.parseF32("0x1p128"));
        assertRange(() -> Numbers.parseF32("1e39"));
        assertRange(() -> Numbers.parseF64("1e309"));
        assertRange(() -> Numbers.parseF32("nan:0x0"));
        assertSyntax(() -> Numbers.parseF64("nan:1"), "nan:1");
        assertRange(() -> Numbers.parseF32("nan:0x80_0000"));
        for (String bad : new String[] {"0x", "0x.1", ".5", "1e", "1e+", "0x1p", "1_.0", "1._0", "1.0_",
                                        "infinity", "0x1.0q", "1p3", "0x1e+3"}) {
            assertSyntax(() -> Numbers.parseF32(bad), bad);
        }
    }

    private static void assertRange(org.junit.jupiter.api.function.Executable e) {
        assertEquals(Numbers.RANGE, assertThrows(NumberFormatException.class, e).getMessage());
    }

    private static void assertSyntax(org.junit.jupiter.api.function.Executable e, String input) {
        assertEquals(Numbers.SYNTAX, assertThrows(NumberFormatException.class, e, input).getMessage(), input);
    }
}

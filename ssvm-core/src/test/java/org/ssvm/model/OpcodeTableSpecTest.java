package org.ssvm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The opcode table against the WebAssembly 2.0 binary format: exactly the assigned encodings, no more. */
class OpcodeTableSpecTest {
    private static List<Integer> unassigned(int prefix, int count) {
        List<Integer> gaps = new ArrayList<>();
        for (int code = 0; code < count; code++) {
            Opcode op = prefix == 0 ? Opcode.single(code) : Opcode.prefixed(prefix, code);
            if (op == null) {
                gaps.add(code);
            }
        }
        return gaps;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }

    @Test
    void singleByteOpcodesLeaveExactlyTheReservedGaps() {
        List<Integer> expected = new ArrayList<>();
        expected.addAll(range(0x06, 0x0A));
        expected.addAll(range(0x12, 0x19));
        expected.addAll(range(0x1D, 0x1F));
        expected.add(0x27);
        expected.addAll(range(0xC5, 0xCF));
        expected.addAll(range(0xD3, 0xFF));
        assertEquals(expected, unassigned(0, 256));
    }

    @Test
    void fcPrefixHasEighteenInstructions() {
        assertEquals(range(0x12, 0x1F), unassigned(Opcode.PREFIX_FC, 0x20));
    }

    @Test
    void simdHas236InstructionsWithTheSpecGaps() {
        assertEquals(List.of(0x9A, 0xA2, 0xA5, 0xA6, 0xAF, 0xB0, 0xB2, 0xB3, 0xB4, 0xBB, 0xC2, 0xC5, 0xC6, 0xCF,
                0xD0, 0xD2, 0xD3, 0xD4, 0xE2, 0xEE), unassigned(Opcode.PREFIX_FD, 256));
    }

    @Test
    void spotChecksAgainstTheSpecIndex() {
        assertSame(Opcode.I64_EXTEND32_S, Opcode.single(0xC4));
        assertSame(Opcode.F64_REINTERPRET_I64, Opcode.single(0xBF));
        assertSame(Opcode.TABLE_FILL, Opcode.prefixed(0xFC, 17));
        assertSame(Opcode.V128_ANY_TRUE, Opcode.prefixed(0xFD, 0x53));
        assertSame(Opcode.F32X4_DEMOTE_F64X2_ZERO, Opcode.prefixed(0xFD, 0x5E));
        assertSame(Opcode.I16X8_Q15MULR_SAT_S, Opcode.prefixed(0xFD, 0x82));
        assertSame(Opcode.F64X2_NEAREST, Opcode.prefixed(0xFD, 0x94));
        assertSame(Opcode.I32X4_DOT_I16X8_S, Opcode.prefixed(0xFD, 0xBA));
        assertSame(Opcode.I64X2_GE_S, Opcode.prefixed(0xFD, 0xDB));
        assertSame(Opcode.F64X2_PMAX, Opcode.prefixed(0xFD, 0xF7));
        assertSame(Opcode.I32X4_TRUNC_SAT_F64X2_U_ZERO, Opcode.prefixed(0xFD, 0xFD));
    }
}

package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.binary.TestBinaries.bytes;

import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

class CodeReaderTest {
    private static CodeReader reader(byte[] code) {
        return new CodeReader(code, 0, code.length, 100);
    }

    private static CodeReader reader(ByteWriter w) {
        return reader(w.toByteArray());
    }

    @Test
    void blockTypes() {
        CodeReader r = reader(bytes(0x02, 0x40, 0x03, 0x7F, 0x04, 0x05, 0x02, 0x80, 0x01));
        assertSame(Opcode.BLOCK, r.next());
        assertTrue(r.blockTypeEmpty());
        assertSame(Opcode.LOOP, r.next());
        assertSame(ValType.I32, r.blockValType());
        assertEquals(-1, r.blockTypeIndex());
        assertSame(Opcode.IF, r.next());
        assertEquals(5, r.blockTypeIndex());
        assertNull(r.blockValType());
        assertSame(Opcode.BLOCK, r.next());
        assertEquals(128, r.blockTypeIndex());
        assertFalse(r.hasMore());
    }

    @Test
    void branchesCallsAndVariables() {
        CodeReader r = reader(new ByteWriter().u8(0x0E).u32(3).u32(0).u32(1).u32(300).u32(2)
                .u8(0x11).u32(7).u32(1).u8(0x10).u32(70000).u8(0x0D).u32(4)
                .u8(0x1C).u32(1).u8(0x7B).u8(0x22).u32(9).u8(0x24).u32(3).u8(0x26).u32(2));
        assertSame(Opcode.BR_TABLE, r.next());
        assertEquals(3, r.targetCount());
        assertEquals(300, r.target(2));
        assertEquals(2, r.index());
        assertSame(Opcode.CALL_INDIRECT, r.next());
        assertEquals(7, r.index());
        assertEquals(1, r.index2());
        assertSame(Opcode.CALL, r.next());
        assertEquals(70000, r.index());
        assertSame(Opcode.BR_IF, r.next());
        assertEquals(4, r.index());
        assertSame(Opcode.SELECT_T, r.next());
        assertEquals(1, r.selectTypeCount());
        assertSame(ValType.V128, r.selectType(0));
        assertSame(Opcode.LOCAL_TEE, r.next());
        assertEquals(9, r.index());
        assertSame(Opcode.GLOBAL_SET, r.next());
        assertEquals(3, r.index());
        assertSame(Opcode.TABLE_SET, r.next());
        assertEquals(2, r.index());
    }

    @Test
    void largeBrTableGrowsItsBuffer() {
        ByteWriter w = new ByteWriter().u8(0x0E).u32(1000);
        for (int i = 0; i < 1000; i++) {
            w.u32(i);
        }
        CodeReader r = reader(w.u32(5));
        r.next();
        assertEquals(1000, r.targetCount());
        assertEquals(999, r.target(999));
        assertEquals(5, r.index());
    }

    @Test
    void constants() {
        CodeReader r = reader(new ByteWriter().u8(0x41).s32(Integer.MIN_VALUE).u8(0x42).s64(Long.MIN_VALUE)
                .u8(0x42).s64(Long.MAX_VALUE).u8(0x43).f32(-1.5f).u8(0x44).f64(Math.PI).u8(0x41).s32(-1));
        r.next();
        assertEquals(Integer.MIN_VALUE, r.i32Value());
        r.next();
        assertEquals(Long.MIN_VALUE, r.value());
        r.next();
        assertEquals(Long.MAX_VALUE, r.value());
        assertSame(Opcode.F32_CONST, r.next());
        assertEquals(-1.5f, Float.intBitsToFloat((int) r.value()));
        r.next();
        assertEquals(Math.PI, Double.longBitsToDouble(r.value()));
        r.next();
        assertEquals(-1, r.i32Value());
    }

    @Test
    void memoryInstructions() {
        CodeReader r = reader(new ByteWriter().u8(0x29).u32(3).u32(-1).u8(0x3F).u8(0)
                .u8(0xFC).u32(8).u32(2).u8(0).u8(0xFC).u32(10).u8(0).u8(0).u8(0xFC).u32(11).u8(0)
                .u8(0xFC).u32(12).u32(4).u32(1).u8(0xFC).u32(14).u32(1).u32(2).u8(0xFC).u32(13).u32(6));
        assertSame(Opcode.I64_LOAD, r.next());
        assertEquals(3, r.align());
        assertEquals(0xFFFF_FFFFL, r.memOffsetUnsigned());
        assertSame(Opcode.MEMORY_SIZE, r.next());
        assertSame(Opcode.MEMORY_INIT, r.next());
        assertEquals(2, r.index());
        assertSame(Opcode.MEMORY_COPY, r.next());
        assertSame(Opcode.MEMORY_FILL, r.next());
        assertSame(Opcode.TABLE_INIT, r.next());
        assertEquals(4, r.index());
        assertEquals(1, r.index2());
        assertSame(Opcode.TABLE_COPY, r.next());
        assertEquals(1, r.index());
        assertEquals(2, r.index2());
        assertSame(Opcode.ELEM_DROP, r.next());
        assertEquals(6, r.index());
    }

    @Test
    void simdImmediates() {
        ByteWriter w = new ByteWriter().u8(0xFD).u32(12);
        for (int i = 0; i < 16; i++) {
            w.u8(i + 1);
        }
        w.u8(0xFD).u32(13);
        for (int i = 0; i < 16; i++) {
            w.u8(31 - i);
        }
        w.u8(0xFD).u32(0x15).u8(15).u8(0xFD).u32(0x57).u32(3).u32(16).u8(1).u8(0xFD).u32(0xFF).u8(0xD0).u8(0x6F);
        CodeReader r = reader(w);
        assertSame(Opcode.V128_CONST, r.next());
        assertEquals(0x0807060504030201L, r.v128Low());
        assertEquals(0x100F0E0D0C0B0A09L, r.v128High());
        assertSame(Opcode.I8X16_SHUFFLE, r.next());
        assertEquals(31, r.shuffleLane(0));
        assertEquals(16, r.shuffleLane(15));
        assertSame(Opcode.I8X16_EXTRACT_LANE_S, r.next());
        assertEquals(15, r.lane());
        assertSame(Opcode.V128_LOAD64_LANE, r.next());
        assertEquals(3, r.align());
        assertEquals(16, r.memOffset());
        assertEquals(1, r.lane());
        assertSame(Opcode.F64X2_CONVERT_LOW_I32X4_U, r.next());
        assertSame(Opcode.REF_NULL, r.next());
        assertSame(ValType.EXTERNREF, r.heapType());
        assertFalse(r.hasMore());
    }

    @Test
    void errorsReportOffsetsFromTheBase() {
        DecodeException e = assertThrows(DecodeException.class, () -> { CodeReader r = reader(bytes(0x01, 0x27)); r.next(); r.next(); });
        assertEquals(101, e.offset());
        assertTrue(e.getMessage().startsWith("illegal opcode 27"));
        e = assertThrows(DecodeException.class, () -> reader(bytes(0x41)).next());
        assertTrue(e.getMessage().startsWith("unexpected end of section or function"));
        assertEquals(101, e.offset());
    }
}

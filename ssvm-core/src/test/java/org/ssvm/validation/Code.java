package org.ssvm.validation;

import org.ssvm.binary.ByteWriter;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

/** Test helper: writes instruction sequences in binary encoding. */
final class Code {
    static final int EMPTY_BLOCK = 0x40;

    private final ByteWriter w = new ByteWriter();

    /** An opcode (with its prefix) followed by u32 immediates. */
    Code op(Opcode o, int... u32s) {
        if (o.prefix() != 0) {
            w.u8(o.prefix()).u32(o.code());
        } else {
            w.u8(o.code());
        }
        for (int v : u32s) {
            w.u32(v);
        }
        return this;
    }

    /** A block, loop or if with a block type byte (0x40 or a value type code). */
    Code block(Opcode o, int blockType) {
        return op(o).u8(blockType);
    }

    Code block(Opcode o, ValType result) {
        return block(o, result.code());
    }

    /** A block, loop or if whose block type is a type index. */
    Code blockIndex(Opcode o, int typeIndex) {
        op(o);
        w.s64(typeIndex);
        return this;
    }

    Code i32(int v) {
        op(Opcode.I32_CONST);
        w.s32(v);
        return this;
    }

    Code i64(long v) {
        op(Opcode.I64_CONST);
        w.s64(v);
        return this;
    }

    Code f32(float v) {
        op(Opcode.F32_CONST);
        w.f32(v);
        return this;
    }

    Code f64(double v) {
        op(Opcode.F64_CONST);
        w.f64(v);
        return this;
    }

    Code v128() {
        op(Opcode.V128_CONST);
        w.bytes(new byte[16]);
        return this;
    }

    /** A memory instruction with alignment exponent and offset. */
    Code mem(Opcode o, int align, int offset) {
        return op(o, align, offset);
    }

    Code u8(int b) {
        w.u8(b);
        return this;
    }

    Code u32(int v) {
        w.u32(v);
        return this;
    }

    Code end() {
        return op(Opcode.END);
    }

    /** The body bytes with the function's final end appended. */
    byte[] body() {
        w.u8(0x0B);
        return w.toByteArray();
    }

    /** The bytes as written, without a final end. */
    byte[] raw() {
        return w.toByteArray();
    }
}

package org.ssvm.testing;

import org.ssvm.binary.ByteWriter;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

/**
 * Assembles function bodies from {@link Opcode} constants for tests that build modules programmatically.
 * Integer immediates given to {@link #op(Opcode, int...)} are written as unsigned LEB128, which suits indices,
 * labels, memargs ({@code align, offset}) and empty or single-type block types.
 */
public final class Code {
    private final ByteWriter w = new ByteWriter();

    public static Code of() { return new Code(); }

    public Code op(Opcode op, int... immediates) {
        if (op.prefix() != 0) {
            w.u8(op.prefix()).u32(op.code());
        } else {
            w.u8(op.code());
        }
        for (int imm : immediates) {
            w.u32(imm);
        }
        return this;
    }

    /** Block type byte for a single result type. */
    public static int bt(ValType t) { return t.code(); }

    /** The empty block type. */
    public static final int VOID = 0x40;

    public Code i32(int v) {
        w.u8(Opcode.I32_CONST.code()).s32(v);
        return this;
    }

    public Code i64(long v) {
        w.u8(Opcode.I64_CONST.code()).s64(v);
        return this;
    }

    public Code f32(float v) {
        w.u8(Opcode.F32_CONST.code()).f32(v);
        return this;
    }

    public Code f64(double v) {
        w.u8(Opcode.F64_CONST.code()).f64(v);
        return this;
    }

    public Code get(int local) { return op(Opcode.LOCAL_GET, local); }

    public Code set(int local) { return op(Opcode.LOCAL_SET, local); }

    /** A memory instruction with natural alignment and the given offset. */
    public Code mem(Opcode op, int offset) { return op(op, Math.max(op.naturalAlignment(), 0), offset); }

    public Code raw(int b) {
        w.u8(b);
        return this;
    }

    /** The body bytes with the final {@code end}. */
    public byte[] end() {
        w.u8(Opcode.END.code());
        return w.toByteArray();
    }
}

package org.ssvm.model;

/**
 * A constant expression (global initializer, segment offset or element), kept in its binary encoding
 * including the terminating {@code end} opcode.
 */
public record Expr(byte[] code) {
    /** Constant expression {@code i32.const value end}. */
    public static Expr i32Const(int value) {
        org.ssvm.binary.ByteWriter w = new org.ssvm.binary.ByteWriter();
        w.u8(0x41).s32(value).u8(0x0B);
        return new Expr(w.toByteArray());
    }

    /** Constant expression {@code ref.func index end}. */
    public static Expr refFunc(int funcIndex) {
        org.ssvm.binary.ByteWriter w = new org.ssvm.binary.ByteWriter();
        w.u8(0xD2).u32(funcIndex).u8(0x0B);
        return new Expr(w.toByteArray());
    }

    /** Constant expression {@code ref.null type end}. */
    public static Expr refNull(ValType type) {
        return new Expr(new byte[] {(byte) 0xD0, (byte) type.code(), 0x0B});
    }
}

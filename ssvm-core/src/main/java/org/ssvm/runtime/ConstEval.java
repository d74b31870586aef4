package org.ssvm.runtime;

import org.ssvm.model.Expr;
import org.ssvm.model.Opcode;

/**
 * Evaluates constant expressions (global initializers, segment offsets and elements) of a validated module:
 * {@code *.const}, {@code ref.null}, {@code ref.func}, {@code global.get}, and the extended-const integer
 * add/sub/mul.
 */
final class ConstEval {
    private ConstEval() {}

    /** Evaluates {@code expr} in {@code instance} and stores the value into {@code target}. */
    static void eval(Expr expr, Instance instance, Global target) {
        long[] stack = new long[8];
        long[] high = new long[8];
        Object[] refs = new Object[8];
        int sp = 0;
        CodeReader in = new CodeReader(expr.code(), 0);
        while (true) {
            int b = in.u8();
            if (sp + 1 >= stack.length) {
                stack = java.util.Arrays.copyOf(stack, sp * 2);
                high = java.util.Arrays.copyOf(high, sp * 2);
                refs = java.util.Arrays.copyOf(refs, sp * 2);
            }
            switch (b) {
                case 0x0B -> {
                    target.bits = stack[sp - 1];
                    target.bitsHigh = high[sp - 1];
                    target.ref = refs[sp - 1];
                    return;
                }
                case 0x41 -> stack[sp++] = in.s32();
                case 0x42 -> stack[sp++] = in.s64();
                case 0x43 -> stack[sp++] = in.i32LE() & 0xFFFF_FFFFL;
                case 0x44 -> stack[sp++] = in.i64LE();
                case 0xD0 -> {
                    in.u8();
                    refs[sp] = null;
                    stack[sp++] = 0;
                }
                case 0xD2 -> {
                    refs[sp] = instance.functions[in.u32()];
                    stack[sp++] = 0;
                }
                case 0x23 -> {
                    Global g = instance.globals[in.u32()];
                    stack[sp] = g.bits;
                    high[sp] = g.bitsHigh;
                    refs[sp++] = g.ref;
                }
                case 0x6A -> { sp--; stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp]; }
                case 0x6B -> { sp--; stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp]; }
                case 0x6C -> { sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; }
                case 0x7C -> { sp--; stack[sp - 1] += stack[sp]; }
                case 0x7D -> { sp--; stack[sp - 1] -= stack[sp]; }
                case 0x7E -> { sp--; stack[sp - 1] *= stack[sp]; }
                case Opcode.PREFIX_FD -> {
                    if (in.u32() != Opcode.V128_CONST.code()) {
                        throw new IllegalStateException("not a constant instruction");
                    }
                    stack[sp] = in.i64LE();
                    high[sp++] = in.i64LE();
                }
                default -> throw new IllegalStateException("not a constant instruction: 0x" + Integer.toHexString(b));
            }
        }
    }
}

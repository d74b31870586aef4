package org.ssvm.validation;

import static org.ssvm.validation.ModuleContext.inRange;

import java.util.Arrays;
import org.ssvm.ValidationException;
import org.ssvm.model.Expr;
import org.ssvm.model.Opcode;

/**
 * Validates constant expressions (global initializers, segment offsets and element expressions) as WebAssembly
 * 2.0 defines them: only {@code *.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an
 * imported immutable global, leaving exactly one value of the expected type.
 *
 * <p>Every function named by {@code ref.func} here becomes declared (the spec's C.refs), which is what lets
 * function bodies use {@code ref.func} on it.
 */
final class ConstantExpressions {
    private final ModuleContext ctx;
    private final BodyReader in = new BodyReader();
    private int[] stack = new int[4];

    ConstantExpressions(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Checks {@code expr} and that it produces one value of type {@code expected}.
     *
     * @param where names the expression in messages, e.g. "global 2 initializer"
     */
    void check(Expr expr, int expected, String where) {
        in.reset(expr.code());
        int size = 0;
        while (true) {
            int b = in.u8();
            int t;
            switch (b) {
                case 0x0B -> {
                    if (!in.atEnd()) {
                        throw new ValidationException("section size mismatch (in " + where
                                + ": bytes after the final end)");
                    }
                    if (size != 1 || (stack[0] != expected)) {
                        throw new ValidationException("type mismatch (in " + where + ": expected "
                                + ValueTypes.list(ValueTypes.single(expected), 0, 1) + " but got "
                                + ValueTypes.list(stack, 0, size) + ")");
                    }
                    return;
                }
                case 0x41 -> {
                    in.s32();
                    t = ValueTypes.I32;
                }
                case 0x42 -> {
                    in.s64();
                    t = ValueTypes.I64;
                }
                case 0x43 -> {
                    in.skip(4);
                    t = ValueTypes.F32;
                }
                case 0x44 -> {
                    in.skip(8);
                    t = ValueTypes.F64;
                }
                case 0xD0 -> {
                    t = ValueTypes.fromByte(in.u8());
                    if (t != ValueTypes.FUNCREF && t != ValueTypes.EXTERNREF) {
                        throw new ValidationException("malformed reference type (in " + where + ")");
                    }
                }
                case 0xD2 -> {
                    int f = in.u32();
                    if (!inRange(f, ctx.funcTypes.length)) {
                        throw new ValidationException("unknown function " + Integer.toUnsignedString(f)
                                + " (in " + where + ")");
                    }
                    ctx.declaredFuncs[f] = true;
                    t = ValueTypes.FUNCREF;
                }
                case 0x23 -> {
                    int g = in.u32();
                    // In 2.0 a constant expression sees only the imported globals.
                    if (!inRange(g, ctx.importedGlobalCount)) {
                        throw new ValidationException("unknown global " + Integer.toUnsignedString(g)
                                + " (in " + where + ": only imported globals may be read here)");
                    }
                    if (ctx.globalMutable[g]) {
                        throw new ValidationException("constant expression required (in " + where
                                + ": global " + g + " is mutable)");
                    }
                    t = ctx.globalTypes[g];
                }
                case Opcode.PREFIX_FD -> {
                    int sub = in.u32();
                    if (sub != Opcode.V128_CONST.code()) {
                        throw notConstant(Opcode.prefixed(b, sub & 0xFFFF_FFFFL), where);
                    }
                    in.skip(16);
                    t = ValueTypes.V128;
                }
                case Opcode.PREFIX_FC -> throw notConstant(Opcode.prefixed(b, in.u32() & 0xFFFF_FFFFL), where);
                default -> throw notConstant(Opcode.single(b), where);
            }
            if (size == stack.length) {
                stack = Arrays.copyOf(stack, size * 2);
            }
            stack[size++] = t;
        }
    }

    private static ValidationException notConstant(Opcode op, String where) {
        return new ValidationException("constant expression required (in " + where + ": "
                + (op == null ? "unknown instruction" : op.textName()) + " is not constant)");
    }
}

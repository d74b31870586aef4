package org.ssvm.interpreter;

import org.ssvm.TrapException;
import org.ssvm.model.FuncType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.HostFunction;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Instantiator;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.NumericOps;
import org.ssvm.runtime.Table;
import org.ssvm.runtime.simd.SimdOps;

import static org.ssvm.interpreter.Interpreter.b;
import static org.ssvm.interpreter.Interpreter.d;
import static org.ssvm.interpreter.Interpreter.db;
import static org.ssvm.interpreter.Interpreter.f;
import static org.ssvm.interpreter.Interpreter.fb;

/**
 * Instructions kept out of the dispatch loop because they are rare or large: float rounding and conversions,
 * trapping truncations, references, tables, bulk memory, SIMD, v128 variables and calls leaving the
 * interpreter.
 */
final class Rare {
    private Rare() {}

    private static final Opcode[] OPCODES = Opcode.values();

    /** Number of immediate ints that follow each op in the code (for ops handled here). */
    static final int[] LENGTH = new int[Op.COUNT];

    static {
        for (int op : new int[] {Op.LOCAL_GET_REF, Op.LOCAL_SET_REF, Op.LOCAL_TEE_REF, Op.TABLE_GET, Op.TABLE_SET, Op.TABLE_GROW, Op.TABLE_SIZE, Op.TABLE_FILL,
                Op.ELEM_DROP, Op.DATA_DROP, Op.MEMORY_INIT, Op.REF_FUNC, Op.LOCAL_GET_V128, Op.LOCAL_SET_V128,
                Op.LOCAL_TEE_V128, Op.GLOBAL_GET_REF, Op.GLOBAL_SET_REF, Op.GLOBAL_GET_V128, Op.GLOBAL_SET_V128}) {
            LENGTH[op] = 1;
        }
        LENGTH[Op.TABLE_COPY] = 2;
        LENGTH[Op.TABLE_INIT] = 2;
        LENGTH[Op.SIMD] = 6;
        LENGTH[Op.SIMD_LOAD] = 3;
        LENGTH[Op.SIMD_STORE] = 3;
        LENGTH[Op.GAS_COUNTED] = 4;
    }

    static int exec(int op, int[] code, int pc, long[] s, Object[] r, int sp, int fp, Instance inst, Memory mem) {
        switch (op) {
            case Op.UNREACHABLE -> throw new TrapException("unreachable");
            case Op.GAS_COUNTED -> inst.meter().charge((code[pc] & 0xFFFF_FFFFL) | (long) code[pc + 1] << 32,
                    code[pc + 2], code[pc + 3]);
            case Op.NOP, Op.I32_WRAP_I64, Op.I32_REINTERPRET_F32, Op.F32_REINTERPRET_I32, Op.I64_REINTERPRET_F64,
                 Op.F64_REINTERPRET_I64 -> { }
            // moved out of the dispatch loop: rare in compiled C code, and every byte of the loop counts against
            // the JIT's inlining budget for the hot instructions (see Interpreter)
            case Op.DROP2 -> sp -= 2;
            case Op.SELECT_REF -> {
                sp -= 2;
                if ((int) s[sp + 1] == 0) {
                    r[sp - 1] = r[sp];
                }
            }
            case Op.LOCAL_GET_REF -> {
                r[sp] = r[fp + code[pc]];
                s[sp++] = 0;
            }
            case Op.LOCAL_SET_REF -> r[fp + code[pc]] = r[--sp];
            case Op.LOCAL_TEE_REF -> r[fp + code[pc]] = r[sp - 1];
            case Op.MEMORY_SIZE -> s[sp++] = mem.pages();
            case Op.MEMORY_GROW -> {
                s[sp - 1] = mem.grow(s[sp - 1] & 0xFFFF_FFFFL);
            }
            case Op.I32_LE_S -> s[sp - 2] = b((int) s[sp - 2] <= (int) s[--sp]);
            case Op.I64_EQ -> s[sp - 2] = b(s[sp - 2] == s[--sp]);
            case Op.I64_NE -> s[sp - 2] = b(s[sp - 2] != s[--sp]);
            case Op.F64_GT -> s[sp - 2] = b(d(s[sp - 2]) > d(s[--sp]));
            case Op.I32_REM_S -> s[sp - 2] = NumericOps.i32RemS((int) s[sp - 2], (int) s[--sp]);
            case Op.I64_SHR_S -> s[sp - 2] = s[sp - 2] >> (int) s[--sp];
            case Op.F64_CONVERT_I64_S -> s[sp - 1] = db(s[sp - 1]);
            case Op.I64_LT_S -> s[sp - 2] = b(s[sp - 2] < s[--sp]);
            case Op.I64_LT_U -> s[sp - 2] = b(Long.compareUnsigned(s[sp - 2], s[--sp]) < 0);
            case Op.I64_GT_S -> s[sp - 2] = b(s[sp - 2] > s[--sp]);
            case Op.I64_GT_U -> s[sp - 2] = b(Long.compareUnsigned(s[sp - 2], s[--sp]) > 0);
            case Op.I64_LE_S -> s[sp - 2] = b(s[sp - 2] <= s[--sp]);
            case Op.I64_LE_U -> s[sp - 2] = b(Long.compareUnsigned(s[sp - 2], s[--sp]) <= 0);
            case Op.I64_GE_S -> s[sp - 2] = b(s[sp - 2] >= s[--sp]);
            case Op.I64_GE_U -> s[sp - 2] = b(Long.compareUnsigned(s[sp - 2], s[--sp]) >= 0);
            case Op.F32_EQ -> s[sp - 2] = b(f(s[sp - 2]) == f(s[--sp]));
            case Op.F32_NE -> s[sp - 2] = b(f(s[sp - 2]) != f(s[--sp]));
            case Op.F32_LT -> s[sp - 2] = b(f(s[sp - 2]) < f(s[--sp]));
            case Op.F32_GT -> s[sp - 2] = b(f(s[sp - 2]) > f(s[--sp]));
            case Op.F32_LE -> s[sp - 2] = b(f(s[sp - 2]) <= f(s[--sp]));
            case Op.F32_GE -> s[sp - 2] = b(f(s[sp - 2]) >= f(s[--sp]));
            case Op.I32_CLZ -> s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
            case Op.I32_CTZ -> s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
            case Op.I32_POPCNT -> s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
            case Op.I32_ROTR -> s[sp - 2] = Integer.rotateRight((int) s[sp - 2], (int) s[--sp]);
            case Op.I64_CLZ -> s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
            case Op.I64_CTZ -> s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
            case Op.I64_POPCNT -> s[sp - 1] = Long.bitCount(s[sp - 1]);
            case Op.I64_DIV_S -> s[sp - 2] = NumericOps.i64DivS(s[sp - 2], s[--sp]);
            case Op.I64_DIV_U -> s[sp - 2] = NumericOps.i64DivU(s[sp - 2], s[--sp]);
            case Op.I64_REM_S -> s[sp - 2] = NumericOps.i64RemS(s[sp - 2], s[--sp]);
            case Op.I64_REM_U -> s[sp - 2] = NumericOps.i64RemU(s[sp - 2], s[--sp]);
            case Op.I64_ROTL -> s[sp - 2] = Long.rotateLeft(s[sp - 2], (int) s[--sp]);
            case Op.I64_ROTR -> s[sp - 2] = Long.rotateRight(s[sp - 2], (int) s[--sp]);
            case Op.F32_ABS -> s[sp - 1] = s[sp - 1] & 0x7FFF_FFFFL;
            case Op.F32_NEG -> s[sp - 1] = s[sp - 1] ^ 0x8000_0000L;
            case Op.F32_SQRT -> s[sp - 1] = fb(NumericOps.f32Sqrt(f(s[sp - 1])));
            case Op.F32_ADD -> s[sp - 2] = fb(f(s[sp - 2]) + f(s[--sp]));
            case Op.F32_SUB -> s[sp - 2] = fb(f(s[sp - 2]) - f(s[--sp]));
            case Op.F32_MUL -> s[sp - 2] = fb(f(s[sp - 2]) * f(s[--sp]));
            case Op.F32_DIV -> s[sp - 2] = fb(f(s[sp - 2]) / f(s[--sp]));
            case Op.F64_PROMOTE_F32 -> s[sp - 1] = db(f(s[sp - 1]));
            case Op.F32_DEMOTE_F64 -> s[sp - 1] = fb((float) d(s[sp - 1]));
            case Op.I32_EXTEND8_S, Op.I64_EXTEND8_S -> s[sp - 1] = (byte) s[sp - 1];
            case Op.I32_EXTEND16_S, Op.I64_EXTEND16_S -> s[sp - 1] = (short) s[sp - 1];
            case Op.I64_EXTEND32_S -> s[sp - 1] = (int) s[sp - 1];
            case Op.F32_CEIL -> s[sp - 1] = fb(NumericOps.f32Ceil(f(s[sp - 1])));
            case Op.F32_FLOOR -> s[sp - 1] = fb(NumericOps.f32Floor(f(s[sp - 1])));
            case Op.F32_TRUNC -> s[sp - 1] = fb(NumericOps.f32Trunc(f(s[sp - 1])));
            case Op.F32_NEAREST -> s[sp - 1] = fb(NumericOps.f32Nearest(f(s[sp - 1])));
            case Op.F32_MIN -> s[sp - 2] = fb(NumericOps.f32Min(f(s[sp - 2]), f(s[--sp])));
            case Op.F32_MAX -> s[sp - 2] = fb(NumericOps.f32Max(f(s[sp - 2]), f(s[--sp])));
            case Op.F32_COPYSIGN -> s[sp - 2] = NumericOps.f32Copysign((int) s[sp - 2], (int) s[--sp]);
            case Op.F64_CEIL -> s[sp - 1] = db(NumericOps.f64Ceil(d(s[sp - 1])));
            case Op.F64_FLOOR -> s[sp - 1] = db(NumericOps.f64Floor(d(s[sp - 1])));
            case Op.F64_TRUNC -> s[sp - 1] = db(NumericOps.f64Trunc(d(s[sp - 1])));
            case Op.F64_NEAREST -> s[sp - 1] = db(NumericOps.f64Nearest(d(s[sp - 1])));
            case Op.F64_MIN -> s[sp - 2] = db(NumericOps.f64Min(d(s[sp - 2]), d(s[--sp])));
            case Op.F64_MAX -> s[sp - 2] = db(NumericOps.f64Max(d(s[sp - 2]), d(s[--sp])));
            case Op.F64_COPYSIGN -> s[sp - 2] = NumericOps.f64Copysign(s[sp - 2], s[--sp]);
            case Op.I32_TRUNC_F32_S -> s[sp - 1] = NumericOps.i32TruncF32S(f(s[sp - 1]));
            case Op.I32_TRUNC_F32_U -> s[sp - 1] = NumericOps.i32TruncF32U(f(s[sp - 1]));
            case Op.I32_TRUNC_F64_S -> s[sp - 1] = NumericOps.i32TruncF64S(d(s[sp - 1]));
            case Op.I32_TRUNC_F64_U -> s[sp - 1] = NumericOps.i32TruncF64U(d(s[sp - 1]));
            case Op.I64_TRUNC_F32_S -> s[sp - 1] = NumericOps.i64TruncF32S(f(s[sp - 1]));
            case Op.I64_TRUNC_F32_U -> s[sp - 1] = NumericOps.i64TruncF32U(f(s[sp - 1]));
            case Op.I64_TRUNC_F64_S -> s[sp - 1] = NumericOps.i64TruncF64S(d(s[sp - 1]));
            case Op.I64_TRUNC_F64_U -> s[sp - 1] = NumericOps.i64TruncF64U(d(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F32_S -> s[sp - 1] = NumericOps.i32TruncSatF32S(f(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F32_U -> s[sp - 1] = NumericOps.i32TruncSatF32U(f(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F64_S -> s[sp - 1] = NumericOps.i32TruncSatF64S(d(s[sp - 1]));
            case Op.I32_TRUNC_SAT_F64_U -> s[sp - 1] = NumericOps.i32TruncSatF64U(d(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F32_S -> s[sp - 1] = NumericOps.i64TruncSatF32S(f(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F32_U -> s[sp - 1] = NumericOps.i64TruncSatF32U(f(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F64_S -> s[sp - 1] = NumericOps.i64TruncSatF64S(d(s[sp - 1]));
            case Op.I64_TRUNC_SAT_F64_U -> s[sp - 1] = NumericOps.i64TruncSatF64U(d(s[sp - 1]));
            case Op.F32_CONVERT_I32_S -> s[sp - 1] = fb((float) (int) s[sp - 1]);
            case Op.F32_CONVERT_I32_U -> s[sp - 1] = fb(NumericOps.f32ConvertI32U((int) s[sp - 1]));
            case Op.F32_CONVERT_I64_S -> s[sp - 1] = fb((float) s[sp - 1]);
            case Op.F32_CONVERT_I64_U -> s[sp - 1] = fb(NumericOps.f32ConvertI64U(s[sp - 1]));
            case Op.F64_CONVERT_I32_U -> s[sp - 1] = db(NumericOps.f64ConvertI32U((int) s[sp - 1]));
            case Op.F64_CONVERT_I64_U -> s[sp - 1] = db(NumericOps.f64ConvertI64U(s[sp - 1]));
            case Op.SELECT_V128 -> {
                sp -= 3;
                if ((int) s[sp + 2] == 0) {
                    s[sp - 2] = s[sp];
                    s[sp - 1] = s[sp + 1];
                }
            }
            case Op.LOCAL_GET_V128 -> {
                int i = fp + code[pc];
                s[sp] = s[i];
                s[sp + 1] = s[i + 1];
                sp += 2;
            }
            case Op.LOCAL_SET_V128 -> {
                int i = fp + code[pc];
                sp -= 2;
                s[i] = s[sp];
                s[i + 1] = s[sp + 1];
            }
            case Op.LOCAL_TEE_V128 -> {
                int i = fp + code[pc];
                s[i] = s[sp - 2];
                s[i + 1] = s[sp - 1];
            }
            default -> {
                return exec2(op, code, pc, s, r, sp, inst, mem);
            }
        }
        return sp;
    }

    private static int exec2(int op, int[] code, int pc, long[] s, Object[] r, int sp, Instance inst, Memory mem) {
        switch (op) {
            case Op.GLOBAL_GET_REF -> {
                r[sp] = inst.global(code[pc]).ref;
                s[sp++] = 0;
            }
            case Op.GLOBAL_SET_REF -> inst.global(code[pc]).ref = r[--sp];
            case Op.GLOBAL_GET_V128 -> {
                Global g = inst.global(code[pc]);
                s[sp] = g.bits;
                s[sp + 1] = g.bitsHigh;
                sp += 2;
            }
            case Op.GLOBAL_SET_V128 -> {
                Global g = inst.global(code[pc]);
                sp -= 2;
                g.bits = s[sp];
                g.bitsHigh = s[sp + 1];
            }
            case Op.REF_NULL -> {
                r[sp] = null;
                s[sp++] = 0;
            }
            case Op.REF_IS_NULL -> s[sp - 1] = r[sp - 1] == null ? 1 : 0;
            case Op.REF_FUNC -> {
                r[sp] = inst.function(code[pc]);
                s[sp++] = 0;
            }
            case Op.TABLE_GET -> r[sp - 1] = inst.table(code[pc]).get(s[sp - 1] & 0xFFFF_FFFFL);
            case Op.TABLE_SET -> {
                sp -= 2;
                inst.table(code[pc]).set(s[sp] & 0xFFFF_FFFFL, r[sp + 1]);
            }
            case Op.TABLE_SIZE -> s[sp++] = inst.table(code[pc]).size();
            case Op.TABLE_GROW -> {
                sp--;
                s[sp - 1] = inst.table(code[pc]).grow(s[sp] & 0xFFFF_FFFFL, r[sp - 1]);
            }
            case Op.TABLE_FILL -> {
                sp -= 3;
                tableFill(inst.table(code[pc]), s[sp] & 0xFFFF_FFFFL, r[sp + 1], s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.TABLE_COPY -> {
                sp -= 3;
                tableCopy(inst.table(code[pc]), inst.table(code[pc + 1]), s[sp] & 0xFFFF_FFFFL,
                        s[sp + 1] & 0xFFFF_FFFFL, s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.TABLE_INIT -> {
                sp -= 3;
                Instantiator.tableInit(inst, code[pc + 1], code[pc], s[sp] & 0xFFFF_FFFFL, s[sp + 1] & 0xFFFF_FFFFL,
                        s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.ELEM_DROP -> inst.dropElementSegment(code[pc]);
            case Op.MEMORY_INIT -> {
                sp -= 3;
                Instantiator.memoryInit(inst, 0, code[pc], s[sp] & 0xFFFF_FFFFL, s[sp + 1] & 0xFFFF_FFFFL,
                        s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.DATA_DROP -> inst.dropDataSegment(code[pc]);
            case Op.MEMORY_COPY -> {
                sp -= 3;
                mem.copy(s[sp] & 0xFFFF_FFFFL, s[sp + 1] & 0xFFFF_FFFFL, s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.MEMORY_FILL -> {
                sp -= 3;
                mem.fill(s[sp] & 0xFFFF_FFFFL, (byte) s[sp + 1], s[sp + 2] & 0xFFFF_FFFFL);
            }
            case Op.SIMD -> {
                long lo = (code[pc + 2] & 0xFFFF_FFFFL) | (long) code[pc + 3] << 32;
                long hi = (code[pc + 4] & 0xFFFF_FFFFL) | (long) code[pc + 5] << 32;
                return SimdOps.execute(OPCODES[code[pc]], s, sp, code[pc + 1], lo, hi);
            }
            case Op.SIMD_LOAD, Op.SIMD_STORE -> {
                Opcode o = OPCODES[code[pc]];
                long ea;
                if (o.immediate() == Opcode.Immediate.MEMARG_LANE || op == Op.SIMD_STORE) {
                    // the address lies under a v128 operand: take it out and slide the operand down
                    ea = Mem.ea(s[sp - 3], code[pc + 1]);
                    s[sp - 3] = s[sp - 2];
                    s[sp - 2] = s[sp - 1];
                    sp--;
                } else {
                    ea = Mem.ea(s[--sp], code[pc + 1]);
                }
                return op == Op.SIMD_LOAD ? SimdOps.load(o, mem, ea, s, sp, code[pc + 2])
                        : SimdOps.store(o, mem, ea, s, sp, code[pc + 2]);
            }
            default -> throw new IllegalStateException("bad interpreter op " + op);
        }
        return sp;
    }

    static void tableFill(Table t, long i, Object value, long n) {
        if (i + n > t.size()) {
            throw new TrapException("out of bounds table access");
        }
        java.util.Arrays.fill(t.array(), (int) i, (int) (i + n), value);
    }

    static void tableCopy(Table dst, Table src, long d, long s, long n) {
        if (s + n > src.size() || d + n > dst.size()) {
            throw new TrapException("out of bounds table access");
        }
        System.arraycopy(src.array(), (int) s, dst.array(), (int) d, (int) n);
    }

    /** Resolves the target of {@code call_indirect}, trapping as the spec says. */
    static FunctionInstance indirect(Instance inst, int typeIndex, int tableIndex, int i) {
        Object[] elements = inst.table(tableIndex).array();
        if (Integer.compareUnsigned(i, elements.length) >= 0) {
            throw new TrapException("undefined element " + Integer.toUnsignedString(i));
        }
        Object e = elements[i];
        if (e == null) {
            throw new TrapException("uninitialized element " + i);
        }
        FunctionInstance f = (FunctionInstance) e;
        FuncType want = inst.type(typeIndex);
        if (f.type() != want && !f.type().equals(want)) {
            throw new TrapException("indirect call type mismatch");
        }
        return f;
    }

    /** Calls a function that is not interpreted (host function or another engine's). */
    static void callOther(Context ctx, Instance caller, FunctionInstance f, int base, int nres) {
        ctx.ensure(base + nres + 1);
        if (f instanceof HostFunction h) {
            h.invokeFrom(caller, ctx.s, ctx.r, base);
        } else {
            f.invoke(ctx.s, ctx.r, base);
        }
    }
}

package org.ssvm.interpreter;

import java.util.Arrays;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Limits;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.NumericOps;

/**
 * The dispatch loop. One Java call of {@link #run} per WebAssembly call; the frame lives in the context's
 * stack at {@code fp} (locals first, operand stack after). Frequent instructions are inline here; rare ones go
 * to {@link Rare} so that {@link #run} stays small enough for the JIT (under 8000 bytes of bytecode, and well
 * under so that C2 still inlines the memory helpers: see {@link Op}).
 *
 * <p>A trap leaving {@link #run} gets this frame appended to its Wasm backtrace by an exception handler around
 * the loop, which costs nothing until something throws.
 */
final class Interpreter {
    private Interpreter() {}

    /** Stands in for the memory of instances that have none, so that the loop never tests for null. */
    private static final Memory NO_MEMORY = new Memory(new MemoryType(Limits.of(0, 0)));

    static Memory memoryOf(Instance inst) {
        return inst.memories().length > 0 ? inst.memory(0) : NO_MEMORY;
    }

    static float f(long bits) { return Float.intBitsToFloat((int) bits); }

    static long fb(float v) { return Float.floatToRawIntBits(v); }

    static double d(long bits) { return Double.longBitsToDouble(bits); }

    static long db(double v) { return Double.doubleToRawLongBits(v); }

    static long b(boolean v) { return v ? 1 : 0; }

    /** The 64-bit immediate stored as two ints (low, high) at {@code at}; shorter bytecode than inline. */
    static long imm64(int[] code, int at) { return code[at] & 0xFFFF_FFFFL | (long) code[at + 1] << 32; }

    static void run(Context ctx, InterpretedFunction fn, int fp, int depth) {
        if (depth > ctx.maxDepth) {
            throw Context.exhausted();
        }
        Compiled c = fn.compiled();
        int[] code = c.code();
        ctx.ensure(fp + c.frameSlots());
        long[] s = ctx.s;
        Object[] r = ctx.r;
        int sp = fp + c.localSlots();
        for (int i = fp + c.paramSlots(); i < sp; i++) {
            s[i] = 0;
        }
        if (c.refLocals()) {
            Arrays.fill(r, fp + c.paramSlots(), sp, null);
        }
        Instance inst = fn.instance;
        FunctionInstance[] funcs = inst.functions();
        Global[] globals = inst.globals();
        Memory mem = c.memory();
        byte[] mb = mem.array();
        int pc = 0;
        try { // the loop keeps its indentation, to keep diffs of it readable
        if (code[0] == Op.CHECK) { // the entry poll or charge, without a dispatch: it costs less here
            pc = 1;
            inst.meter().poll();
        } else if (code[0] == Op.GAS) {
            pc = 4;
            inst.meter().charge(imm64(code, 1), code[3]);
        }
        while (true) {
            int op = code[pc++];
            switch (op) {
                case Op.BR -> pc = code[pc];
                case Op.GAS -> {
                    inst.meter().charge(imm64(code, pc), code[pc + 2]);
                    pc += 3;
                }
                case Op.CHECK -> inst.meter().poll();
                case Op.BR_DROP -> {
                    sp = move(s, r, sp, code[pc], fp + code[pc + 1]);
                    pc = code[pc + 2];
                }
                case Op.BR_IF -> pc = (int) s[--sp] != 0 ? code[pc] : pc + 1;
                case Op.BR_IF_DROP -> {
                    if ((int) s[--sp] != 0) {
                        sp = move(s, r, sp, code[pc], fp + code[pc + 1]);
                        pc = code[pc + 2];
                    } else {
                        pc += 3;
                    }
                }
                case Op.IF_FALSE -> pc = (int) s[--sp] == 0 ? code[pc] : pc + 1;
                case Op.BR_TABLE -> {
                    int n = code[pc];
                    int i = (int) s[--sp];
                    int at = pc + 1 + 3 * (Integer.compareUnsigned(i, n) < 0 ? i : n);
                    sp = move(s, r, sp, code[at], fp + code[at + 1]);
                    pc = code[at + 2];
                }
                case Op.RETURN -> {
                    // one numeric result is the common case: C2 would not inline move() here
                    int keep = c.resultSlots();
                    if (keep == 1) {
                        s[fp] = s[sp - 1];
                    } else {
                        move(s, r, sp, keep, fp);
                    }
                    return;
                }
                case Op.CALL -> {
                    int base = sp - code[pc + 1];
                    int nres = code[pc + 2];
                    call(ctx, inst, funcs[code[pc]], base, nres, depth);
                    pc += 3;
                    s = ctx.s;
                    r = ctx.r;
                    mb = mem.array();
                    sp = base + nres;
                }
                case Op.CALL_INDIRECT -> {
                    FunctionInstance f = Rare.indirect(inst, code[pc], code[pc + 1], (int) s[--sp]);
                    int base = sp - code[pc + 2];
                    int nres = code[pc + 3];
                    call(ctx, inst, f, base, nres, depth);
                    pc += 4;
                    s = ctx.s;
                    r = ctx.r;
                    mb = mem.array();
                    sp = base + nres;
                }
                case Op.DROP -> sp--;
                case Op.SELECT -> {
                    sp -= 2;
                    if ((int) s[sp + 1] == 0) {
                        s[sp - 1] = s[sp];
                    }
                }
                case Op.LOCAL_GET -> s[sp++] = s[fp + code[pc++]];
                case Op.LOCAL_SET -> s[fp + code[pc++]] = s[--sp];
                case Op.LOCAL_TEE -> s[fp + code[pc++]] = s[sp - 1];
                case Op.GLOBAL_GET -> s[sp++] = globals[code[pc++]].bits;
                case Op.GLOBAL_SET -> globals[code[pc++]].bits = s[--sp];
                case Op.I32_LOAD, Op.F32_LOAD -> s[sp - 1] = Mem.i32(mb, Mem.ea(s[sp - 1], code[pc++]));
                case Op.I64_LOAD, Op.F64_LOAD -> s[sp - 1] = Mem.i64(mb, Mem.ea(s[sp - 1], code[pc++]));
                case Op.I32_LOAD8_S, Op.I64_LOAD8_S -> s[sp - 1] = Mem.i8(mb, Mem.ea(s[sp - 1], code[pc++]));
                case Op.I32_LOAD8_U, Op.I64_LOAD8_U ->
                        s[sp - 1] = Mem.i8(mb, Mem.ea(s[sp - 1], code[pc++])) & 0xFFL;
                case Op.I32_LOAD16_S, Op.I64_LOAD16_S -> s[sp - 1] = Mem.i16(mb, Mem.ea(s[sp - 1], code[pc++]));
                case Op.I32_LOAD16_U, Op.I64_LOAD16_U ->
                        s[sp - 1] = Mem.i16(mb, Mem.ea(s[sp - 1], code[pc++])) & 0xFFFFL;
                case Op.I64_LOAD32_S -> s[sp - 1] = Mem.i32(mb, Mem.ea(s[sp - 1], code[pc++]));
                case Op.I64_LOAD32_U -> s[sp - 1] = Mem.i32(mb, Mem.ea(s[sp - 1], code[pc++])) & 0xFFFF_FFFFL;
                case Op.I32_STORE, Op.F32_STORE, Op.I64_STORE32 -> {
                    sp -= 2;
                    Mem.i32(mb, Mem.ea(s[sp], code[pc++]), s[sp + 1]);
                }
                case Op.I64_STORE, Op.F64_STORE -> {
                    sp -= 2;
                    Mem.i64(mb, Mem.ea(s[sp], code[pc++]), s[sp + 1]);
                }
                case Op.I32_STORE8, Op.I64_STORE8 -> {
                    sp -= 2;
                    Mem.i8(mb, Mem.ea(s[sp], code[pc++]), s[sp + 1]);
                }
                case Op.I32_STORE16, Op.I64_STORE16 -> {
                    sp -= 2;
                    Mem.i16(mb, Mem.ea(s[sp], code[pc++]), s[sp + 1]);
                }
                case Op.I32_CONST -> s[sp++] = code[pc++];
                case Op.I64_CONST -> {
                    s[sp++] = imm64(code, pc);
                    pc += 2;
                }
                case Op.I32_EQZ -> s[sp - 1] = b((int) s[sp - 1] == 0);
                case Op.I32_EQ -> s[sp - 2] = b((int) s[sp - 2] == (int) s[--sp]);
                case Op.I32_NE -> s[sp - 2] = b((int) s[sp - 2] != (int) s[--sp]);
                case Op.I32_LT_S -> s[sp - 2] = b((int) s[sp - 2] < (int) s[--sp]);
                case Op.I32_LT_U -> s[sp - 2] = b(Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) < 0);
                case Op.I32_GT_S -> s[sp - 2] = b((int) s[sp - 2] > (int) s[--sp]);
                case Op.I32_GT_U -> s[sp - 2] = b(Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) > 0);
                case Op.I32_LE_U -> s[sp - 2] = b(Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) <= 0);
                case Op.I32_GE_S -> s[sp - 2] = b((int) s[sp - 2] >= (int) s[--sp]);
                case Op.I32_GE_U -> s[sp - 2] = b(Integer.compareUnsigned((int) s[sp - 2], (int) s[--sp]) >= 0);
                case Op.I64_EQZ -> s[sp - 1] = b(s[sp - 1] == 0);
                case Op.F64_EQ -> s[sp - 2] = b(d(s[sp - 2]) == d(s[--sp]));
                case Op.F64_NE -> s[sp - 2] = b(d(s[sp - 2]) != d(s[--sp]));
                case Op.F64_LT -> s[sp - 2] = b(d(s[sp - 2]) < d(s[--sp]));
                case Op.F64_LE -> s[sp - 2] = b(d(s[sp - 2]) <= d(s[--sp]));
                case Op.F64_GE -> s[sp - 2] = b(d(s[sp - 2]) >= d(s[--sp]));
                case Op.I32_ADD -> s[sp - 2] = (int) s[sp - 2] + (int) s[--sp];
                case Op.I32_SUB -> s[sp - 2] = (int) s[sp - 2] - (int) s[--sp];
                case Op.I32_MUL -> s[sp - 2] = (int) s[sp - 2] * (int) s[--sp];
                case Op.I32_DIV_S -> s[sp - 2] = NumericOps.i32DivS((int) s[sp - 2], (int) s[--sp]);
                case Op.I32_DIV_U -> s[sp - 2] = NumericOps.i32DivU((int) s[sp - 2], (int) s[--sp]);
                case Op.I32_REM_U -> s[sp - 2] = NumericOps.i32RemU((int) s[sp - 2], (int) s[--sp]);
                case Op.I32_AND -> s[sp - 2] = s[sp - 2] & s[--sp];
                case Op.I32_OR -> s[sp - 2] = s[sp - 2] | s[--sp];
                case Op.I32_XOR -> s[sp - 2] = s[sp - 2] ^ s[--sp];
                case Op.I32_SHL -> s[sp - 2] = (int) s[sp - 2] << (int) s[--sp];
                case Op.I32_SHR_S -> s[sp - 2] = (int) s[sp - 2] >> (int) s[--sp];
                case Op.I32_SHR_U -> s[sp - 2] = (int) s[sp - 2] >>> (int) s[--sp];
                case Op.I32_ROTL -> s[sp - 2] = Integer.rotateLeft((int) s[sp - 2], (int) s[--sp]);
                case Op.I64_ADD -> s[sp - 2] = s[sp - 2] + s[--sp];
                case Op.I64_SUB -> s[sp - 2] = s[sp - 2] - s[--sp];
                case Op.I64_MUL -> s[sp - 2] = s[sp - 2] * s[--sp];
                case Op.I64_AND -> s[sp - 2] = s[sp - 2] & s[--sp];
                case Op.I64_OR -> s[sp - 2] = s[sp - 2] | s[--sp];
                case Op.I64_XOR -> s[sp - 2] = s[sp - 2] ^ s[--sp];
                case Op.I64_SHL -> s[sp - 2] = s[sp - 2] << (int) s[--sp];
                case Op.I64_SHR_U -> s[sp - 2] = s[sp - 2] >>> (int) s[--sp];
                case Op.F64_ABS -> s[sp - 1] = s[sp - 1] & Long.MAX_VALUE;
                case Op.F64_NEG -> s[sp - 1] = s[sp - 1] ^ Long.MIN_VALUE;
                case Op.F64_SQRT -> s[sp - 1] = db(Math.sqrt(d(s[sp - 1])));
                case Op.F64_ADD -> s[sp - 2] = db(d(s[sp - 2]) + d(s[--sp]));
                case Op.F64_SUB -> s[sp - 2] = db(d(s[sp - 2]) - d(s[--sp]));
                case Op.F64_MUL -> s[sp - 2] = db(d(s[sp - 2]) * d(s[--sp]));
                case Op.F64_DIV -> s[sp - 2] = db(d(s[sp - 2]) / d(s[--sp]));
                case Op.I64_EXTEND_I32_S -> s[sp - 1] = (int) s[sp - 1];
                case Op.I64_EXTEND_I32_U -> s[sp - 1] = s[sp - 1] & 0xFFFF_FFFFL;
                case Op.F64_CONVERT_I32_S -> s[sp - 1] = db((int) s[sp - 1]);
                case Op.I32_ADD_C -> s[sp - 1] = (int) s[sp - 1] + code[pc++];
                case Op.I32_AND_C -> s[sp - 1] = s[sp - 1] & code[pc++];
                case Op.LOCAL_GET2 -> {
                    s[sp] = s[fp + code[pc]];
                    s[sp + 1] = s[fp + code[pc + 1]];
                    sp += 2;
                    pc += 2;
                }
                case Op.LOCAL_GET_C -> {
                    s[sp] = s[fp + code[pc]];
                    s[sp + 1] = code[pc + 1];
                    sp += 2;
                    pc += 2;
                }
                case Op.LOCAL_ADD_C -> {
                    s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
                    pc += 2;
                }
                case Op.I32_LOAD_L -> {
                    s[sp++] = Mem.i32(mb, Mem.ea(s[fp + code[pc]], code[pc + 1]));
                    pc += 2;
                }
                case Op.BR_IF_EQ -> pc = (int) s[sp -= 2] == (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_NE -> pc = (int) s[sp -= 2] != (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_LT_S -> pc = (int) s[sp -= 2] < (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_GT_S -> pc = (int) s[sp -= 2] > (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_LE_S -> pc = (int) s[sp -= 2] <= (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_GE_S -> pc = (int) s[sp -= 2] >= (int) s[sp + 1] ? code[pc] : pc + 1;
                case Op.BR_IF_LT_U -> pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) < 0 ? code[pc] : pc + 1;
                case Op.BR_IF_GT_U -> pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) > 0 ? code[pc] : pc + 1;
                case Op.BR_IF_LE_U -> pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) <= 0 ? code[pc] : pc + 1;
                case Op.BR_IF_GE_U -> pc = Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) >= 0 ? code[pc] : pc + 1;
                case Op.LOCAL_COPY -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc]];
                    pc += 2;
                }
                case Op.CONST_SET -> {
                    s[fp + code[pc + 1]] = code[pc];
                    pc += 2;
                }
                case Op.LOCAL_ADD_C_SET -> {
                    s[fp + code[pc + 2]] = (int) s[fp + code[pc]] + code[pc + 1];
                    pc += 3;
                }
                case Op.I32_ADD_SET -> {
                    s[fp + code[pc++]] = (int) s[sp - 2] + (int) s[sp - 1];
                    sp -= 2;
                }
                case Op.I32_SHL_C -> s[sp - 1] = (int) s[sp - 1] << code[pc++];
                case Op.I32_SHR_U_C -> s[sp - 1] = (int) s[sp - 1] >>> code[pc++];
                case Op.I32_SHR_S_C -> s[sp - 1] = (int) s[sp - 1] >> code[pc++];
                case Op.I64_LOAD_L -> {
                    s[sp++] = Mem.i64(mb, Mem.ea(s[fp + code[pc]], code[pc + 1]));
                    pc += 2;
                }
                case Op.I32_LOAD8_U_L -> {
                    s[sp++] = Mem.i8(mb, Mem.ea(s[fp + code[pc]], code[pc + 1])) & 0xFFL;
                    pc += 2;
                }
                case Op.I32_STORE_LL -> {
                    Mem.i32(mb, Mem.ea(s[fp + code[pc]], code[pc + 2]), s[fp + code[pc + 1]]);
                    pc += 3;
                }
                case Op.BR_IF_I64_EQZ -> pc = s[--sp] == 0 ? code[pc] : pc + 1;
                case Op.BR_IF_I64_NEZ -> pc = s[--sp] != 0 ? code[pc] : pc + 1;
                case Op.I32_ADD_LL -> {
                    s[sp++] = (int) s[fp + code[pc]] + (int) s[fp + code[pc + 1]];
                    pc += 2;
                }
                case Op.I32_ADD_LL_SET -> {
                    s[fp + code[pc + 2]] = (int) s[fp + code[pc]] + (int) s[fp + code[pc + 1]];
                    pc += 3;
                }
                case Op.I64_ADD_LL -> {
                    s[sp++] = s[fp + code[pc]] + s[fp + code[pc + 1]];
                    pc += 2;
                }
                case Op.I32_ROTL_C -> s[sp - 1] = Integer.rotateLeft((int) s[sp - 1], code[pc++]);
                case Op.I32_XOR_C -> s[sp - 1] = s[sp - 1] ^ code[pc++];
                case Op.I32_OR_C -> s[sp - 1] = s[sp - 1] | code[pc++];
                case Op.BR_IF_EQ_C -> pc = (int) s[--sp] == code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_NE_C -> pc = (int) s[--sp] != code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_LT_S_C -> pc = (int) s[--sp] < code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_GT_S_C -> pc = (int) s[--sp] > code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_LE_S_C -> pc = (int) s[--sp] <= code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_GE_S_C -> pc = (int) s[--sp] >= code[pc] ? code[pc + 1] : pc + 2;
                case Op.BR_IF_LT_U_C -> pc = Integer.compareUnsigned((int) s[--sp], code[pc]) < 0 ? code[pc + 1] : pc + 2;
                case Op.BR_IF_GT_U_C -> pc = Integer.compareUnsigned((int) s[--sp], code[pc]) > 0 ? code[pc + 1] : pc + 2;
                case Op.BR_IF_LE_U_C -> pc = Integer.compareUnsigned((int) s[--sp], code[pc]) <= 0 ? code[pc + 1] : pc + 2;
                case Op.BR_IF_GE_U_C -> pc = Integer.compareUnsigned((int) s[--sp], code[pc]) >= 0 ? code[pc + 1] : pc + 2;
                case Op.LOCAL_AND_C -> {
                    s[sp++] = s[fp + code[pc]] & code[pc + 1];
                    pc += 2;
                }
                case Op.LOCAL_ADD_C_TEE -> {
                    s[fp + code[pc + 2]] = s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
                    pc += 3;
                }
                case Op.LOCAL_TEE_GET -> {
                    s[fp + code[pc]] = s[sp - 1];
                    s[sp++] = s[fp + code[pc + 1]];
                    pc += 2;
                }
                case Op.F64_ADD_L -> s[sp - 1] = db(d(s[sp - 1]) + d(s[fp + code[pc++]]));
                case Op.F64_SUB_L -> s[sp - 1] = db(d(s[sp - 1]) - d(s[fp + code[pc++]]));
                case Op.F64_MUL_L -> s[sp - 1] = db(d(s[sp - 1]) * d(s[fp + code[pc++]]));
                case Op.LOCAL_ROTL_C -> {
                    s[sp++] = Integer.rotateLeft((int) s[fp + code[pc]], code[pc + 1]);
                    pc += 2;
                }
                case Op.I32_STORE8_LC -> {
                    Mem.i8(mb, Mem.ea(s[fp + code[pc]], code[pc + 2]), code[pc + 1]);
                    pc += 3;
                }
                case Op.I64_ADD_LL_TEE -> {
                    s[fp + code[pc + 2]] = s[sp++] = s[fp + code[pc]] + s[fp + code[pc + 1]];
                    pc += 3;
                }
                case Op.F64_MUL_LL -> {
                    s[sp++] = db(d(s[fp + code[pc]]) * d(s[fp + code[pc + 1]]));
                    pc += 2;
                }
                case Op.I32_XOR_LOCAL_ROTL_C -> {
                    s[sp - 1] = s[sp - 1] ^ Integer.rotateLeft((int) s[fp + code[pc]], code[pc + 1]);
                    pc += 2;
                }
                case Op.LOCAL_SHL_C -> {
                    s[sp++] = (int) s[fp + code[pc]] << code[pc + 1];
                    pc += 2;
                }
                case Op.I32_ADD_SHL_C -> s[sp - 2] = (int) s[sp - 2] + ((int) s[--sp] << code[pc++]);
                case Op.I32_ADD_LOCAL_SHL_C -> {
                    s[sp - 1] = (int) s[sp - 1] + ((int) s[fp + code[pc]] << code[pc + 1]);
                    pc += 2;
                }
                case Op.LOCAL_GET2_ADD_C -> {
                    s[sp] = s[fp + code[pc]];
                    s[sp + 1] = (int) s[fp + code[pc + 1]] + code[pc + 2];
                    sp += 2;
                    pc += 3;
                }
                case Op.LOCAL_ADD_C_SET2 -> {
                    s[fp + code[pc + 2]] = (int) s[fp + code[pc]] + code[pc + 1];
                    s[fp + code[pc + 5]] = (int) s[fp + code[pc + 3]] + code[pc + 4];
                    pc += 6;
                }
                case Op.I32_ADD_C_TEE -> {
                    s[fp + code[pc + 1]] = s[sp - 1] = (int) s[sp - 1] + code[pc];
                    pc += 2;
                }
                case Op.LOCAL_ADD_C64 -> {
                    s[sp++] = s[fp + code[pc]] + imm64(code, pc + 1);
                    pc += 3;
                }
                case Op.LOCAL_ADD_C64_TEE -> {
                    s[fp + code[pc + 3]] = s[sp++] = s[fp + code[pc]] + imm64(code, pc + 1);
                    pc += 4;
                }
                case Op.BR_IF_L -> pc = (int) s[fp + code[pc]] != 0 ? code[pc + 1] : pc + 2;
                case Op.IF_FALSE_L -> pc = (int) s[fp + code[pc]] == 0 ? code[pc + 1] : pc + 2;
                case Op.I32_ADD_L -> s[sp - 1] = (int) s[sp - 1] + (int) s[fp + code[pc++]];
                case Op.I32_ADD_L_SET -> {
                    s[fp + code[pc + 1]] = (int) s[--sp] + (int) s[fp + code[pc]];
                    pc += 2;
                }
                case Op.BR_IF_I64_EQ_C -> pc = s[--sp] == imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_NE_C -> pc = s[--sp] != imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_LT_S_C -> pc = s[--sp] < imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_GT_S_C -> pc = s[--sp] > imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_LE_S_C -> pc = s[--sp] <= imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_GE_S_C -> pc = s[--sp] >= imm64(code, pc) ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_LT_U_C -> pc = Long.compareUnsigned(s[--sp], imm64(code, pc)) < 0 ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_GT_U_C -> pc = Long.compareUnsigned(s[--sp], imm64(code, pc)) > 0 ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_LE_U_C -> pc = Long.compareUnsigned(s[--sp], imm64(code, pc)) <= 0 ? code[pc + 2] : pc + 3;
                case Op.BR_IF_I64_GE_U_C -> pc = Long.compareUnsigned(s[--sp], imm64(code, pc)) >= 0 ? code[pc + 2] : pc + 3;
                case Op.F64_TEE_ADD -> {
                    s[fp + code[pc++]] = s[sp - 1];
                    s[sp - 2] = db(d(s[sp - 2]) + d(s[--sp]));
                }
                case Op.F64_TEE_MUL_L -> {
                    s[fp + code[pc]] = s[sp - 1];
                    s[sp - 1] = db(d(s[sp - 1]) * d(s[fp + code[pc + 1]]));
                    pc += 2;
                }
                case Op.F64_MUL_ADD_LL -> {
                    s[sp - 1] = db(d(s[sp - 1]) * d(s[fp + code[pc]]) + d(s[fp + code[pc + 1]]));
                    pc += 2;
                }
                case Op.F64_ADD_LL -> {
                    s[sp++] = db(d(s[fp + code[pc]]) + d(s[fp + code[pc + 1]]));
                    pc += 2;
                }
                case Op.BR_IF_AND_C -> pc = ((int) s[fp + code[pc]] & code[pc + 1]) != 0 ? code[pc + 2] : pc + 3;
                case Op.IF_FALSE_AND_C -> pc = ((int) s[fp + code[pc]] & code[pc + 1]) == 0 ? code[pc + 2] : pc + 3;
                // !(x <= c) is not x > c: a NaN fails both
                case Op.BR_IF_F64_LE_C -> pc = d(s[--sp]) <= d(imm64(code, pc)) ? code[pc + 2] : pc + 3;
                case Op.BR_UNLESS_F64_LE_C -> pc = d(s[--sp]) <= d(imm64(code, pc)) ? pc + 3 : code[pc + 2];
                default -> {
                    sp = Rare.exec(op, code, pc, s, r, sp, fp, inst, mem);
                    pc += Rare.LENGTH[op];
                    mb = mem.array();
                }
            }
        }
        } catch (org.ssvm.TrapException e) {
            // pc is past the opcode (and maybe some immediates) of the instruction that trapped or called
            throw fn.unwinding(e, Math.max(pc - 1, 0));
        } catch (StackOverflowError e) {
            throw fn.unwinding(org.ssvm.TrapException.callStackExhausted(e), Math.max(pc - 1, 0));
        }
    }

    /**
     * Moves the top values down to {@code height} (a branch leaving a block); returns the new sp. {@code keep}
     * is the slot count, or its complement when references are among the values and must move too.
     */
    static int move(long[] s, Object[] r, int sp, int keep, int height) {
        if (keep < 0) {
            return moveRefs(s, r, sp, ~keep, height);
        }
        int from = sp - keep;
        if (from != height) {
            for (int i = 0; i < keep; i++) {
                s[height + i] = s[from + i];
            }
        }
        return height + keep;
    }

    private static int moveRefs(long[] s, Object[] r, int sp, int keep, int height) {
        int from = sp - keep;
        for (int i = 0; i < keep; i++) {
            s[height + i] = s[from + i];
            r[height + i] = r[from + i];
        }
        return height + keep;
    }

    /** Calls {@code f} with arguments at {@code base}; results end up at {@code base}. */
    static void call(Context ctx, Instance caller, FunctionInstance f, int base, int nres, int depth) {
        if (f instanceof InterpretedFunction g) {
            run(ctx, g, base, depth + 1);
        } else {
            Rare.callOther(ctx, caller, f, base, nres);
        }
    }
}

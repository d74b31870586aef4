package org.ssvm.interpreter;

import java.util.Arrays;
import org.ssvm.metering.Meter;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.MeteringPlan;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.CodeReader;

/**
 * Pre-decodes one validated function body into {@link Compiled} code. It tracks the operand types (so that it
 * knows slot counts for v128 and which values are references), resolves every branch to an absolute code
 * position with the stack adjustment it needs, and skips unreachable code.
 */
final class Compiler {
    private static final Opcode[] OPCODES = Opcode.values();
    private static final ValType[][] POPS = new ValType[OPCODES.length][];
    private static final ValType[][] PUSHES = new ValType[OPCODES.length][];

    static {
        for (Opcode op : OPCODES) {
            String sig = op.signature();
            if (sig != null) {
                int colon = sig.indexOf(':');
                POPS[op.ordinal()] = types(sig.substring(0, colon));
                PUSHES[op.ordinal()] = types(sig.substring(colon + 1));
            }
        }
    }

    private static ValType[] types(String letters) {
        ValType[] t = new ValType[letters.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                case 'v' -> ValType.V128;
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return t;
    }

    private static final int FUNC = 0;
    private static final int BLOCK = 1;
    private static final int LOOP = 2;
    private static final int IF = 3;

    /** A control frame of the body being compiled. */
    private static final class Ctl {
        int kind;
        ValType[] params;
        ValType[] results;
        int typeHeight;
        int slotHeight;
        int loopPc;
        int ifFixup = -1;
        int[] fixups = new int[4];
        int fixupCount;
        boolean unreachable;

        void addFixup(int pos) {
            if (fixupCount == fixups.length) {
                fixups = Arrays.copyOf(fixups, fixupCount * 2);
            }
            fixups[fixupCount++] = pos;
        }
    }

    private final Module module;
    private final FuncType[] funcTypes;
    private final GlobalType[] globalTypes;
    private final TableType[] tableTypes;
    private final ValType[] localTypes;
    private final int[] localSlot;
    private final int localSlots;

    private int[] out = new int[64];
    private int len;
    private ValType[] stack = new ValType[16];
    private int sh;
    private int slots;
    private int maxSlots;
    private Ctl[] ctls = new Ctl[8];
    private int depth;
    /** Body offset of the instruction being compiled, and where each emitted instruction came from. */
    private int sourceOffset;
    private final OffsetTable.Builder offsets = new OffsetTable.Builder();

    /** Where to charge gas, or null when metering is off. */
    private final MeteringPlan plan;
    /** Whether to poll for interruption at entry and loop headers (only when metering is off). */
    private final boolean polls;

    /** Index of region 0 in the meter's region counters, or -1 when regions are not counted. */
    private final int firstRegion;

    private Compiler(Module module, FuncType type, FunctionBody body, MeteringConfig metering, Meter meter) {
        this.module = module;
        this.plan = metering.metered() ? MeteringPlan.of(body.code(), metering.costTable()) : null;
        this.firstRegion = plan != null && metering.opcodeCounts() ? meter.registerRegions(plan) : -1;
        this.polls = !metering.metered() && metering.interruptible();
        this.funcTypes = module.functionTypes();
        this.globalTypes = module.globalTypes();
        this.tableTypes = module.tableTypes();
        int n = type.paramCount() + body.locals().length;
        localTypes = new ValType[n];
        localSlot = new int[n];
        int slot = 0;
        for (int i = 0; i < n; i++) {
            ValType t = i < type.paramCount() ? type.param(i) : body.locals()[i - type.paramCount()];
            localTypes[i] = t;
            localSlot[i] = slot;
            slot += t == ValType.V128 ? 2 : 1;
        }
        localSlots = slot;
    }

    static Compiled compile(Module module, FuncType type, FunctionBody body, org.ssvm.runtime.Memory memory,
                            MeteringConfig metering, Meter meter) {
        Compiler c = new Compiler(module, type, body, metering, meter);
        c.run(type, body.code());
        boolean refLocals = false;
        for (ValType t : body.locals()) {
            refLocals |= t.isReference();
        }
        int paramSlots = slotCount(type.params());
        return new Compiled(Arrays.copyOf(c.out, c.len), paramSlots, c.localSlots, c.localSlots + c.maxSlots + 4,
                keepCode(type.results()), refLocals, memory, c.offsets.build());
    }

    /**
     * How a branch encodes the values it carries: their slot count, complemented when some are references so
     * that the common numeric case copies no references (a reference store costs a GC barrier).
     */
    static int keepCode(ValType[] types) {
        int n = slotCount(types);
        for (ValType t : types) {
            if (t.isReference()) {
                return ~n;
            }
        }
        return n;
    }

    private static int slotCount(ValType[] types) {
        int n = 0;
        for (ValType t : types) {
            n += t == ValType.V128 ? 2 : 1;
        }
        return n;
    }

    // ---- emission ----

    private void emit(int v) {
        if (len == out.length) {
            out = Arrays.copyOf(out, len * 2);
        }
        out[len++] = v;
    }

    private void emit(int a, int b) {
        emit(a);
        emit(b);
    }

    // ---- operand types ----

    private void push(ValType t) {
        if (sh == stack.length) {
            stack = Arrays.copyOf(stack, sh * 2);
        }
        stack[sh++] = t;
        slots += t == ValType.V128 ? 2 : 1;
        maxSlots = Math.max(maxSlots, slots);
    }

    private ValType pop() {
        ValType t = stack[--sh];
        slots -= t == ValType.V128 ? 2 : 1;
        return t;
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private void pushAll(ValType[] types) {
        for (ValType t : types) {
            push(t);
        }
    }

    // ---- control ----

    private Ctl pushCtl(int kind, ValType[] params, ValType[] results) {
        if (depth == ctls.length) {
            ctls = Arrays.copyOf(ctls, depth * 2);
        }
        Ctl c = new Ctl();
        c.kind = kind;
        c.params = params;
        c.results = results;
        c.typeHeight = sh - params.length;
        c.slotHeight = slots - slotCount(params);
        c.loopPc = len;
        if (kind == LOOP) {
            labelPos = len;
        }
        ctls[depth++] = c;
        return c;
    }

    private void resetTo(Ctl c, ValType[] types) {
        while (sh > c.typeHeight) {
            pop();
        }
        pushAll(types);
    }

    /** Emits a branch to the label {@code label} levels out, choosing the cheapest form. */
    private void branch(int label, int plainOp, int dropOp) {
        Ctl target = ctls[depth - 1 - label];
        ValType[] carried = target.kind == LOOP ? target.params : target.results;
        int keep = slotCount(carried);
        if (slots - keep == target.slotHeight) {
            if (plainOp == Op.BR_IF) {
                conditionalJump(false);
            } else {
                emit(plainOp);
            }
        } else {
            emit(dropOp);
            emit(keepCode(carried));
            emit(localSlots + target.slotHeight);
        }
        emitTarget(target);
    }

    private void emitTarget(Ctl target) {
        if (target.kind == LOOP) {
            emit(target.loopPc);
        } else {
            target.addFixup(len);
            emit(-1);
        }
    }

    private ValType[][] blockType(CodeReader in) {
        long bt = in.s33();
        if (bt >= 0) {
            FuncType ft = module.types().get((int) bt);
            return new ValType[][] {ft.params(), ft.results()};
        }
        if (bt == -64) {
            return new ValType[][] {new ValType[0], new ValType[0]};
        }
        return new ValType[][] {new ValType[0], {ValType.fromCode((int) (bt & 0x7F))}};
    }

    private void run(FuncType type, byte[] code) {
        pushCtl(FUNC, new ValType[0], type.results());
        CodeReader in = new CodeReader(code, 0);
        if (polls) {
            offsets.add(len, 0);
            poll();
        }
        while (depth > 0) {
            int pos = in.pos();
            sourceOffset = pos;
            Opcode op = next(in);
            if (ctls[depth - 1].unreachable) {
                skipUnreachable(in, op);
                continue;
            }
            if (plan != null) {
                charge(pos);
            }
            instruction(in, op);
        }
    }

    /** Emits the charge of the metering region starting at body offset {@code pos}, if one starts there. */
    private void charge(int pos) {
        int region = plan.regionAt(pos);
        if (region < 0) {
            return;
        }
        long cost = plan.cost(region);
        int count = plan.instructionCount(region);
        if (cost == 0 && count == 0 && !plan.isCheckpoint(region)) {
            return;
        }
        offsets.add(len, pos); // a charge that traps stands for the region's first instruction
        emitLong(firstRegion < 0 ? Op.GAS : Op.GAS_COUNTED, cost);
        emit(count);
        if (firstRegion >= 0) {
            emit(firstRegion + region);
        }
        labelPos = len; // nothing fuses across a charge
    }

    private void poll() {
        emit(Op.CHECK);
        labelPos = len;
    }

    private static Opcode next(CodeReader in) {
        int b = in.u8();
        if (b == Opcode.PREFIX_FC || b == Opcode.PREFIX_FD) {
            return Opcode.prefixed(b, in.u32());
        }
        return Opcode.single(b);
    }

    /** Unreachable code is not emitted; only nesting matters until the frame's else or end. */
    private int skipNesting;

    private void skipUnreachable(CodeReader in, Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF -> {
                in.s33();
                skipNesting++;
            }
            case ELSE -> {
                if (skipNesting == 0) {
                    instruction(in, op);
                }
            }
            case END -> {
                if (skipNesting == 0) {
                    instruction(in, op);
                } else {
                    skipNesting--;
                }
            }
            default -> in.skipImmediates(op);
        }
    }

    private void unreachable() {
        ctls[depth - 1].unreachable = true;
        skipNesting = 0;
    }

    /** Start of the last emitted instruction, or -1 when it must not be fused with the next one. */
    private int lastStart = -1;
    /** Start of the instruction before the last one, or -1 when unknown. */
    private int prevStart = -1;
    /** Code position where a branch target was last bound: nothing may be fused across it. */
    private int labelPos = -1;
    private boolean fused;

    private boolean canFuse(int op) {
        return lastStart >= 0 && labelPos != len && out[lastStart] == op;
    }

    /** Replaces the last instruction by {@code op}, keeping its immediates. */
    private void fuse(int op) {
        out[lastStart] = op;
        fused = true;
    }

    /** Whether the last instruction directly follows one of {@code length} ints starting with {@code op}. */
    private boolean follows(int op, int length) {
        return prevStart >= 0 && prevStart == lastStart - length && out[prevStart] == op && labelPos != lastStart;
    }

    /** Replaces the last two instructions by {@code op} with {@code operands} (read before the call). */
    private void fuseLastTwo(int op, int... operands) {
        len = prevStart;
        lastStart = prevStart;
        prevStart = -1;
        emit(op);
        for (int v : operands) {
            emit(v);
        }
        fused = true;
    }

    private void instruction(CodeReader in, Opcode op) {
        int start = len;
        dispatch(in, op);
        if (fused) {
            fused = false; // prevStart stays: the instruction before the fused one is unchanged
            offsets.replaceFrom(lastStart, sourceOffset);
        } else if (len > start) {
            prevStart = lastStart;
            lastStart = start;
            offsets.add(start, sourceOffset);
        }
    }

    /** An i32 comparison (or a test for zero), its fused branch taken when true, and the one taken when false. */
    private static final int[][] COMPARE_BRANCH = {
        {Op.I32_EQ, Op.BR_IF_EQ, Op.BR_IF_NE}, {Op.I32_NE, Op.BR_IF_NE, Op.BR_IF_EQ},
        {Op.I32_LT_S, Op.BR_IF_LT_S, Op.BR_IF_GE_S}, {Op.I32_LT_U, Op.BR_IF_LT_U, Op.BR_IF_GE_U},
        {Op.I32_GT_S, Op.BR_IF_GT_S, Op.BR_IF_LE_S}, {Op.I32_GT_U, Op.BR_IF_GT_U, Op.BR_IF_LE_U},
        {Op.I32_LE_S, Op.BR_IF_LE_S, Op.BR_IF_GT_S}, {Op.I32_LE_U, Op.BR_IF_LE_U, Op.BR_IF_GT_U},
        {Op.I32_GE_S, Op.BR_IF_GE_S, Op.BR_IF_LT_S}, {Op.I32_GE_U, Op.BR_IF_GE_U, Op.BR_IF_LT_U},
        {Op.I32_EQZ, Op.IF_FALSE, Op.BR_IF}, {Op.I64_EQZ, Op.BR_IF_I64_EQZ, Op.BR_IF_I64_NEZ},
    };

    /**
     * An i64 (or f64) comparison and its branches (taken when true, when false) comparing with an inline
     * constant. Only that form is fused: comparing two computed i64 values is rare in the kernels, and every
     * case counts against the dispatch loop's size.
     */
    private static final int[][] COMPARE_CONSTANT_BRANCH64 = {
        {Op.I64_EQ, Op.BR_IF_I64_EQ_C, Op.BR_IF_I64_NE_C}, {Op.I64_NE, Op.BR_IF_I64_NE_C, Op.BR_IF_I64_EQ_C},
        {Op.I64_LT_S, Op.BR_IF_I64_LT_S_C, Op.BR_IF_I64_GE_S_C}, {Op.I64_LT_U, Op.BR_IF_I64_LT_U_C, Op.BR_IF_I64_GE_U_C},
        {Op.I64_GT_S, Op.BR_IF_I64_GT_S_C, Op.BR_IF_I64_LE_S_C}, {Op.I64_GT_U, Op.BR_IF_I64_GT_U_C, Op.BR_IF_I64_LE_U_C},
        {Op.I64_LE_S, Op.BR_IF_I64_LE_S_C, Op.BR_IF_I64_GT_S_C}, {Op.I64_LE_U, Op.BR_IF_I64_LE_U_C, Op.BR_IF_I64_GT_U_C},
        {Op.I64_GE_S, Op.BR_IF_I64_GE_S_C, Op.BR_IF_I64_LT_S_C}, {Op.I64_GE_U, Op.BR_IF_I64_GE_U_C, Op.BR_IF_I64_LT_U_C},
        {Op.F64_LE, Op.BR_IF_F64_LE_C, Op.BR_UNLESS_F64_LE_C}, // f64 constants are emitted as I64_CONST
    };

    /**
     * Emits a conditional jump taken when the condition is true ({@code negate} false) or false, fusing it
     * with a preceding comparison when possible. Returns with the target slot still to be emitted.
     */
    private void conditionalJump(boolean negate) {
        if (canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
            int slot = out[lastStart + 1];
            len = lastStart;
            emit(negate ? Op.IF_FALSE_L : Op.BR_IF_L, slot);
            fused = true;
            return;
        }
        if (canFuse(Op.LOCAL_AND_C) && lastStart == len - 3) {
            fuse(negate ? Op.IF_FALSE_AND_C : Op.BR_IF_AND_C); // a flag bit of a local tested
            return;
        }
        if (lastStart >= 0 && labelPos != len && lastStart == len - 1) {
            for (int[] row : COMPARE_BRANCH) {
                if (out[lastStart] == row[0]) {
                    int branch = negate ? row[2] : row[1];
                    int withConstant = WITH_CONSTANT[branch];
                    if (withConstant >= 0 && follows(Op.I32_CONST, 2)) {
                        fuseLastTwo(withConstant, out[prevStart + 1]);
                    } else {
                        len = lastStart;
                        emit(branch);
                        fused = true;
                    }
                    return;
                }
            }
            for (int[] row : COMPARE_CONSTANT_BRANCH64) {
                if (out[lastStart] == row[0] && follows(Op.I64_CONST, 3)) {
                    fuseLastTwo(negate ? row[2] : row[1], out[prevStart + 1], out[prevStart + 2]);
                    return;
                }
            }
        }
        emit(negate ? Op.IF_FALSE : Op.BR_IF);
    }

    /** For each fused i32 compare-and-branch op, its form comparing with an inline constant, else -1. */
    private static final int[] WITH_CONSTANT = new int[Op.COUNT];

    static {
        Arrays.fill(WITH_CONSTANT, -1);
        int[] opAndForm = {Op.BR_IF_EQ, Op.BR_IF_EQ_C, Op.BR_IF_NE, Op.BR_IF_NE_C,
                Op.BR_IF_LT_S, Op.BR_IF_LT_S_C, Op.BR_IF_LT_U, Op.BR_IF_LT_U_C,
                Op.BR_IF_GT_S, Op.BR_IF_GT_S_C, Op.BR_IF_GT_U, Op.BR_IF_GT_U_C,
                Op.BR_IF_LE_S, Op.BR_IF_LE_S_C, Op.BR_IF_LE_U, Op.BR_IF_LE_U_C,
                Op.BR_IF_GE_S, Op.BR_IF_GE_S_C, Op.BR_IF_GE_U, Op.BR_IF_GE_U_C};
        for (int i = 0; i < opAndForm.length; i += 2) {
            WITH_CONSTANT[opAndForm[i]] = opAndForm[i + 1];
        }
    }

    private void dispatch(CodeReader in, Opcode op) {
        switch (op) {
            case UNREACHABLE -> {
                emit(Op.UNREACHABLE);
                unreachable();
            }
            case NOP -> { }
            case BLOCK -> {
                ValType[][] bt = blockType(in);
                pushCtl(BLOCK, bt[0], bt[1]);
            }
            case LOOP -> {
                ValType[][] bt = blockType(in);
                pushCtl(LOOP, bt[0], bt[1]);
                if (polls) {
                    poll(); // the back edge lands on the poll
                }
            }
            case IF -> {
                ValType[][] bt = blockType(in);
                pop();
                conditionalJump(true);
                Ctl c = pushCtl(IF, bt[0], bt[1]);
                c.ifFixup = len;
                emit(-1);
            }
            case ELSE -> {
                Ctl c = ctls[depth - 1];
                if (!c.unreachable) {
                    emit(Op.BR);
                    c.addFixup(len);
                    emit(-1);
                }
                out[c.ifFixup] = len;
                labelPos = len;
                c.ifFixup = -1;
                c.unreachable = false;
                resetTo(c, c.params);
            }
            case END -> {
                Ctl c = ctls[--depth];
                if (c.ifFixup >= 0) {
                    out[c.ifFixup] = len;
                }
                for (int i = 0; i < c.fixupCount; i++) {
                    out[c.fixups[i]] = len;
                }
                labelPos = len;
                resetTo(c, c.results);
                if (c.kind == FUNC) {
                    emit(Op.RETURN);
                }
            }
            case BR -> {
                branch(in.u32(), Op.BR, Op.BR_DROP);
                unreachable();
            }
            case BR_IF -> {
                pop();
                branch(in.u32(), Op.BR_IF, Op.BR_IF_DROP);
            }
            case BR_TABLE -> {
                pop();
                int n = in.u32();
                emit(Op.BR_TABLE, n);
                for (int i = 0; i <= n; i++) {
                    Ctl target = ctls[depth - 1 - in.u32()];
                    emit(keepCode(target.kind == LOOP ? target.params : target.results));
                    emit(localSlots + target.slotHeight);
                    emitTarget(target);
                }
                unreachable();
            }
            case RETURN -> {
                emit(Op.RETURN);
                unreachable();
            }
            case CALL -> {
                int f = in.u32();
                FuncType ft = funcTypes[f];
                pop(ft.paramCount());
                pushAll(ft.results());
                emit(Op.CALL, f);
                emit(slotCount(ft.params()), slotCount(ft.results()));
                maxSlots = Math.max(maxSlots, slots - slotCount(ft.results()) + slotCount(ft.params()));
            }
            case CALL_INDIRECT -> {
                int typeIndex = in.u32();
                int table = in.u32();
                FuncType ft = module.types().get(typeIndex);
                pop();
                pop(ft.paramCount());
                pushAll(ft.results());
                emit(Op.CALL_INDIRECT, typeIndex);
                emit(table);
                emit(slotCount(ft.params()), slotCount(ft.results()));
            }
            case DROP -> emit(pop() == ValType.V128 ? Op.DROP2 : Op.DROP);
            case SELECT, SELECT_T -> {
                if (op == Opcode.SELECT_T) {
                    int n = in.u32();
                    for (int i = 0; i < n; i++) {
                        in.u8();
                    }
                }
                pop();
                ValType t = pop();
                pop();
                push(t);
                emit(t == ValType.V128 ? Op.SELECT_V128 : t.isReference() ? Op.SELECT_REF : Op.SELECT);
            }
            case LOCAL_GET -> {
                int i = in.u32();
                ValType t = localTypes[i];
                push(t);
                int get = typed(t, Op.LOCAL_GET, Op.LOCAL_GET_REF, Op.LOCAL_GET_V128);
                if (get == Op.LOCAL_GET && canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(Op.LOCAL_GET2);
                    emit(localSlot[i]);
                } else if (get == Op.LOCAL_GET && canFuse(Op.LOCAL_TEE) && lastStart == len - 2) {
                    fuse(Op.LOCAL_TEE_GET);
                    emit(localSlot[i]);
                } else {
                    emit(get, localSlot[i]);
                }
            }
            case LOCAL_SET -> {
                int i = in.u32();
                ValType t = pop();
                int set = typed(t, Op.LOCAL_SET, Op.LOCAL_SET_REF, Op.LOCAL_SET_V128);
                if (set == Op.LOCAL_SET && lastStart >= 0 && labelPos != len) {
                    int prev = out[lastStart];
                    int prevLen = len - lastStart;
                    int fusedOp = prev == Op.LOCAL_GET && prevLen == 2 ? Op.LOCAL_COPY
                            : prev == Op.I32_CONST && prevLen == 2 ? Op.CONST_SET
                            : prev == Op.LOCAL_ADD_C && prevLen == 3 ? Op.LOCAL_ADD_C_SET
                            : prev == Op.I32_ADD && prevLen == 1 ? Op.I32_ADD_SET
                            : prev == Op.I32_ADD_LL && prevLen == 3 ? Op.I32_ADD_LL_SET
                            : prev == Op.I32_ADD_L && prevLen == 2 ? Op.I32_ADD_L_SET : -1;
                    if (fusedOp >= 0) {
                        fuse(fusedOp);
                        emit(localSlot[i]);
                        if (fusedOp == Op.LOCAL_ADD_C_SET && follows(Op.LOCAL_ADD_C_SET, 4)) {
                            // two counters stepped in a row
                            fuseLastTwo(Op.LOCAL_ADD_C_SET2, out[prevStart + 1], out[prevStart + 2],
                                    out[prevStart + 3], out[lastStart + 1], out[lastStart + 2], out[lastStart + 3]);
                        }
                        break;
                    }
                }
                emit(set, localSlot[i]);
            }
            case LOCAL_TEE -> {
                int i = in.u32();
                ValType t = localTypes[i];
                if (canFuse(Op.LOCAL_ADD_C) && lastStart == len - 3) {
                    fuse(Op.LOCAL_ADD_C_TEE);
                    emit(localSlot[i]);
                } else if (canFuse(Op.I64_ADD_LL) && lastStart == len - 3) {
                    fuse(Op.I64_ADD_LL_TEE);
                    emit(localSlot[i]);
                } else if (canFuse(Op.I32_ADD_C) && lastStart == len - 2) {
                    fuse(Op.I32_ADD_C_TEE);
                    emit(localSlot[i]);
                } else if (canFuse(Op.LOCAL_ADD_C64) && lastStart == len - 4) {
                    fuse(Op.LOCAL_ADD_C64_TEE);
                    emit(localSlot[i]);
                } else {
                    emit(typed(t, Op.LOCAL_TEE, Op.LOCAL_TEE_REF, Op.LOCAL_TEE_V128), localSlot[i]);
                }
            }
            case GLOBAL_GET -> {
                int g = in.u32();
                ValType t = globalTypes[g].valueType();
                push(t);
                emit(typed(t, Op.GLOBAL_GET, Op.GLOBAL_GET_REF, Op.GLOBAL_GET_V128), g);
            }
            case GLOBAL_SET -> {
                int g = in.u32();
                ValType t = pop();
                emit(typed(t, Op.GLOBAL_SET, Op.GLOBAL_SET_REF, Op.GLOBAL_SET_V128), g);
            }
            case TABLE_GET -> {
                int t = in.u32();
                pop();
                push(tableTypes[t].elementType());
                emit(Op.TABLE_GET, t);
            }
            case TABLE_SET -> {
                pop(2);
                emit(Op.TABLE_SET, in.u32());
            }
            case TABLE_GROW -> {
                pop(2);
                push(ValType.I32);
                emit(Op.TABLE_GROW, in.u32());
            }
            case TABLE_FILL -> {
                pop(3);
                emit(Op.TABLE_FILL, in.u32());
            }
            case TABLE_SIZE -> {
                push(ValType.I32);
                emit(Op.TABLE_SIZE, in.u32());
            }
            case TABLE_COPY, TABLE_INIT -> {
                pop(3);
                emit(Op.of(op), in.u32());
                emit(in.u32());
            }
            case ELEM_DROP, DATA_DROP -> emit(Op.of(op), in.u32());
            case MEMORY_INIT -> {
                pop(3);
                emit(Op.MEMORY_INIT, in.u32());
                in.u8();
            }
            case MEMORY_COPY -> {
                pop(3);
                in.u8();
                in.u8();
                emit(Op.MEMORY_COPY);
            }
            case MEMORY_FILL -> {
                pop(3);
                in.u8();
                emit(Op.MEMORY_FILL);
            }
            case MEMORY_SIZE, MEMORY_GROW -> {
                in.u8();
                typeBySignature(op);
                emit(Op.of(op));
            }
            case REF_NULL -> {
                int heap = in.u8();
                push(ValType.fromCode(heap));
                emit(Op.REF_NULL);
            }
            case REF_IS_NULL -> {
                pop();
                push(ValType.I32);
                emit(Op.REF_IS_NULL);
            }
            case REF_FUNC -> {
                push(ValType.FUNCREF);
                emit(Op.REF_FUNC, in.u32());
            }
            case I32_WRAP_I64, I32_REINTERPRET_F32, F32_REINTERPRET_I32, I64_REINTERPRET_F64, F64_REINTERPRET_I64 ->
                    typeBySignature(op); // no code: values are raw bits and only the low half of an i32 counts
            case I32_CONST -> {
                push(ValType.I32);
                int v = in.s32();
                if (canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(Op.LOCAL_GET_C);
                    emit(v);
                } else {
                    emit(Op.I32_CONST, v);
                }
            }
            case I64_ADD -> {
                typeBySignature(op);
                if (canFuse(Op.I64_CONST) && follows(Op.LOCAL_GET, 2)) {
                    // a 64-bit counter stepped
                    fuseLastTwo(Op.LOCAL_ADD_C64, out[prevStart + 1], out[lastStart + 1], out[lastStart + 2]);
                } else if (canFuse(Op.LOCAL_GET2)) {
                    fuse(Op.I64_ADD_LL);
                } else {
                    emit(Op.I64_ADD);
                }
            }
            case I32_SUB -> {
                typeBySignature(op);
                if (canFuse(Op.I32_CONST)) {
                    fuse(Op.I32_ADD_C);
                    out[lastStart + 1] = -out[lastStart + 1];
                } else if (canFuse(Op.LOCAL_GET_C)) {
                    fuse(Op.LOCAL_ADD_C); // x - c is x + (-c), also for c = MIN_VALUE (mod 2^32)
                    out[lastStart + 2] = -out[lastStart + 2];
                } else {
                    emit(Op.I32_SUB);
                }
            }
            case I32_SHL, I32_SHR_U, I32_SHR_S -> {
                typeBySignature(op);
                if (op == Opcode.I32_SHL && canFuse(Op.LOCAL_GET_C) && lastStart == len - 3) {
                    fuse(Op.LOCAL_SHL_C);
                } else if (canFuse(Op.I32_CONST)) {
                    fuse(op == Opcode.I32_SHL ? Op.I32_SHL_C : op == Opcode.I32_SHR_U ? Op.I32_SHR_U_C : Op.I32_SHR_S_C);
                } else {
                    emit(Op.of(op));
                }
            }
            case I32_STORE8 -> {
                in.u32();
                int offset = (int) in.u64();
                typeBySignature(op);
                if (canFuse(Op.LOCAL_GET_C) && lastStart == len - 3) {
                    fuse(Op.I32_STORE8_LC); // the address is the local, the stored byte the constant
                    emit(offset);
                } else {
                    emit(Op.I32_STORE8, offset);
                }
            }
            case I32_LOAD8_U -> {
                in.u32();
                int offset = (int) in.u64();
                typeBySignature(op);
                if (canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(Op.I32_LOAD8_U_L);
                    emit(offset);
                } else {
                    emit(Op.I32_LOAD8_U, offset);
                }
            }
            case I32_STORE -> {
                in.u32();
                int offset = (int) in.u64();
                typeBySignature(op);
                if (canFuse(Op.LOCAL_GET2) && lastStart == len - 3) {
                    fuse(Op.I32_STORE_LL);
                    emit(offset);
                } else {
                    emit(Op.I32_STORE, offset);
                }
            }
            case I32_ADD, I32_AND, I32_OR, I32_XOR, I32_ROTL -> {
                typeBySignature(op);
                if (canFuse(Op.I32_CONST)) {
                    fuse(switch (op) {
                        case I32_ADD -> Op.I32_ADD_C;
                        case I32_AND -> Op.I32_AND_C;
                        case I32_OR -> Op.I32_OR_C;
                        case I32_XOR -> Op.I32_XOR_C;
                        default -> Op.I32_ROTL_C;
                    });
                    if (op == Opcode.I32_ADD && follows(Op.LOCAL_GET2, 3)) {
                        // local.get a; local.get b; i32.const c; i32.add: the constant joins the local pair
                        fuseLastTwo(Op.LOCAL_GET2_ADD_C, out[prevStart + 1], out[prevStart + 2], out[lastStart + 1]);
                    }
                } else if (op == Opcode.I32_ADD && canFuse(Op.I32_SHL_C)) {
                    fuse(Op.I32_ADD_SHL_C);
                } else if (op == Opcode.I32_ADD && canFuse(Op.LOCAL_SHL_C)) {
                    fuse(Op.I32_ADD_LOCAL_SHL_C);
                } else if (op == Opcode.I32_XOR && canFuse(Op.LOCAL_ROTL_C)) {
                    fuse(Op.I32_XOR_LOCAL_ROTL_C);
                } else if (op == Opcode.I32_ADD && canFuse(Op.LOCAL_GET_C)) {
                    fuse(Op.LOCAL_ADD_C);
                } else if (op == Opcode.I32_AND && canFuse(Op.LOCAL_GET_C)) {
                    fuse(Op.LOCAL_AND_C);
                } else if (op == Opcode.I32_ROTL && canFuse(Op.LOCAL_GET_C)) {
                    fuse(Op.LOCAL_ROTL_C);
                } else if (op == Opcode.I32_ADD && canFuse(Op.LOCAL_GET2)) {
                    fuse(Op.I32_ADD_LL);
                } else if (op == Opcode.I32_ADD && canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(Op.I32_ADD_L);
                } else {
                    emit(Op.of(op));
                }
            }
            case I32_LOAD, F32_LOAD, I64_LOAD, F64_LOAD -> {
                in.u32();
                int offset = (int) in.u64();
                typeBySignature(op);
                boolean wide = op == Opcode.I64_LOAD || op == Opcode.F64_LOAD;
                // Not fused with a preceding local + constant: that saved few dispatches, but once C2 saw the
                // fused op reached it lowered the dispatch switch differently and fannkuch ran 30-40% slower.
                if (canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(wide ? Op.I64_LOAD_L : Op.I32_LOAD_L);
                    emit(offset);
                } else {
                    emit(wide ? Op.I64_LOAD : Op.I32_LOAD, offset);
                }
            }
            case F64_ADD, F64_SUB, F64_MUL -> {
                typeBySignature(op);
                if (canFuse(Op.LOCAL_GET) && lastStart == len - 2) {
                    fuse(op == Opcode.F64_ADD ? Op.F64_ADD_L : op == Opcode.F64_SUB ? Op.F64_SUB_L : Op.F64_MUL_L);
                    if (op == Opcode.F64_ADD && follows(Op.F64_MUL_L, 2)) {
                        // x * local + local, as in mandelbrot's iteration
                        fuseLastTwo(Op.F64_MUL_ADD_LL, out[prevStart + 1], out[lastStart + 1]);
                    }
                } else if (op != Opcode.F64_SUB && canFuse(Op.LOCAL_GET2)) {
                    fuse(op == Opcode.F64_MUL ? Op.F64_MUL_LL : Op.F64_ADD_LL);
                } else if (op == Opcode.F64_MUL && canFuse(Op.LOCAL_TEE_GET)) {
                    fuse(Op.F64_TEE_MUL_L);
                } else if (op == Opcode.F64_ADD && canFuse(Op.LOCAL_TEE) && lastStart == len - 2) {
                    fuse(Op.F64_TEE_ADD);
                } else {
                    emit(Op.of(op));
                }
            }
            case F32_CONST -> {
                push(ValType.F32);
                emit(Op.I32_CONST, in.i32LE());
            }
            case I64_CONST -> {
                push(ValType.I64);
                emitLong(Op.I64_CONST, in.s64());
            }
            case F64_CONST -> {
                push(ValType.F64);
                emitLong(Op.I64_CONST, in.i64LE());
            }
            default -> {
                if (op.prefix() == Opcode.PREFIX_FD) {
                    simd(in, op);
                } else if (op.immediate() == Opcode.Immediate.MEMARG) {
                    in.u32();
                    int offset = (int) in.u64();
                    typeBySignature(op);
                    emit(Op.of(op), offset);
                } else {
                    typeBySignature(op);
                    emit(Op.of(op));
                }
            }
        }
    }

    private void emitLong(int op, long v) {
        emit(op, (int) v);
        emit((int) (v >>> 32));
    }

    private void typeBySignature(Opcode op) {
        ValType[] pops = POPS[op.ordinal()];
        pop(pops.length);
        pushAll(PUSHES[op.ordinal()]);
    }

    private void simd(CodeReader in, Opcode op) {
        switch (op.immediate()) {
            case MEMARG, MEMARG_LANE -> {
                in.u32();
                int offset = (int) in.u64();
                int lane = op.immediate() == Opcode.Immediate.MEMARG_LANE ? in.u8() : 0;
                boolean store = PUSHES[op.ordinal()].length == 0;
                typeBySignature(op);
                emit(store ? Op.SIMD_STORE : Op.SIMD_LOAD, op.ordinal());
                emit(offset, lane);
            }
            default -> {
                int lane = 0;
                long lo = 0;
                long hi = 0;
                if (op.immediate() == Opcode.Immediate.LANE) {
                    lane = in.u8();
                } else if (op.immediate() == Opcode.Immediate.V128 || op.immediate() == Opcode.Immediate.SHUFFLE) {
                    lo = in.i64LE();
                    hi = in.i64LE();
                }
                typeBySignature(op);
                emit(Op.SIMD, op.ordinal());
                emit(lane);
                emit((int) lo, (int) (lo >>> 32));
                emit((int) hi, (int) (hi >>> 32));
            }
        }
    }

    private static int typed(ValType t, int plain, int ref, int v128) {
        return t == ValType.V128 ? v128 : t.isReference() ? ref : plain;
    }
}

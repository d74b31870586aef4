package org.ssvm.validation;

import static org.ssvm.validation.ModuleContext.inRange;
import static org.ssvm.validation.ValueTypes.EXTERNREF;
import static org.ssvm.validation.ValueTypes.FUNCREF;
import static org.ssvm.validation.ValueTypes.I32;
import static org.ssvm.validation.ValueTypes.UNKNOWN;

import java.util.Arrays;
import org.ssvm.ValidationException;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;

/**
 * Validates one function body with the spec's algorithm (Appendix "Validation Algorithm"): an operand stack
 * of int-coded value types, where {@link ValueTypes#UNKNOWN} stands for values popped in unreachable code, and
 * a stack of control frames with their label types, the operand stack height at entry and an unreachable
 * flag.
 *
 * <p>One instance can validate any number of bodies of the same module, one at a time; its stacks are reused,
 * so validating an instruction allocates nothing. An {@link Observer} may watch the operand types before
 * each instruction (for example a compiler choosing how to translate it).
 */
public final class FunctionValidator {
    /** Sees every instruction before it is validated, with the operand stack as it is at that point. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param op     the instruction
         * @param offset its offset in the body's code array
         * @param state  the validator, for {@link #stackHeight()}, {@link #stackType(int)} and
         *               {@link #isUnreachable()}; valid only during the call
         */
        void beforeInstruction(Opcode op, int offset, FunctionValidator state);
    }

    private static final int BLOCK = 0;
    private static final int LOOP = 1;
    private static final int IF = 2;
    private static final int ELSE = 3;

    private final ModuleContext ctx;
    private final BodyReader in = new BodyReader();
    private Observer observer;

    private int[] vals = new int[64];
    private int size;

    private int[] ctrlKind = new int[16];
    private int[] ctrlHeight = new int[16];
    private boolean[] ctrlUnreachable = new boolean[16];
    private int[][] ctrlParams = new int[16][];
    private int[][] ctrlResults = new int[16][];
    private int ctrlSize;

    private int[] locals = new int[16];
    private int localCount;
    /** Scratch for the targets of a {@code br_table}. */
    private int[] targets = new int[16];

    /** Block type read by {@link #readBlockType()}. */
    private int[] blockParams;
    private int[] blockResults;

    // Where we are, for error messages.
    private int funcIndex;
    private int codeOffset;
    private int instrStart;
    private Opcode op;

    public FunctionValidator(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Installs an observer (null for none) for the following {@link #validate} calls. */
    public void setObserver(Observer observer) {
        this.observer = observer;
    }

    /**
     * Validates the body of the function at {@code funcIndex} (an index in the function index space, whose
     * type index is known to be valid).
     *
     * @throws ValidationException when the body is invalid
     */
    public void validate(int funcIndex, FunctionBody body) {
        this.funcIndex = funcIndex;
        this.codeOffset = body.codeOffset();
        this.op = null;
        this.instrStart = 0;
        int typeIndex = ctx.funcTypes[funcIndex];
        int[] params = ctx.typeParams[typeIndex];
        int[] results = ctx.typeResults[typeIndex];

        ValType[] declared = body.locals();
        localCount = params.length + declared.length;
        if (locals.length < localCount) {
            locals = new int[Math.max(localCount, locals.length * 2)];
        }
        System.arraycopy(params, 0, locals, 0, params.length);
        for (int i = 0; i < declared.length; i++) {
            locals[params.length + i] = ValueTypes.of(declared[i]);
        }

        size = 0;
        ctrlSize = 0;
        pushCtrl(BLOCK, ValueTypes.EMPTY, results);
        in.reset(body.code());
        while (ctrlSize > 0) {
            step();
        }
        if (!in.atEnd()) {
            throw new ValidationException("section size mismatch" + where() + ": code after the function's final end)");
        }
    }

    // ---- State visible to observers ----

    /** Number of operand types on the stack. */
    public int stackHeight() { return size; }

    /** The type {@code depth} entries below the top of the operand stack (0 is the top); null if unknown. */
    public ValType stackType(int depth) {
        return ValueTypes.toValType(vals[size - 1 - depth]);
    }

    /** Whether the current instruction is in unreachable code (after a branch, return or unreachable). */
    public boolean isUnreachable() { return ctrlUnreachable[ctrlSize - 1]; }

    /** Depth of the control stack, 1 inside the function's outermost block. */
    public int controlDepth() { return ctrlSize; }

    // ---- The instruction loop ----

    private void step() {
        instrStart = in.pos();
        int b = in.u8();
        Opcode o;
        if (b == Opcode.PREFIX_FC || b == Opcode.PREFIX_FD) {
            o = Opcode.prefixed(b, in.u32() & 0xFFFF_FFFFL);
        } else {
            o = Opcode.single(b);
        }
        if (o == null) {
            throw new ValidationException("illegal opcode" + where() + ": 0x" + Integer.toHexString(b) + ")");
        }
        op = o;
        if (observer != null) {
            observer.beforeInstruction(o, instrStart, this);
        }
        switch (o) {
            case UNREACHABLE -> setUnreachable();
            case NOP -> { }
            case BLOCK, LOOP -> {
                readBlockType();
                popVals(blockParams);
                pushCtrl(o == Opcode.BLOCK ? BLOCK : LOOP, blockParams, blockResults);
            }
            case IF -> {
                readBlockType();
                popVal(I32);
                popVals(blockParams);
                pushCtrl(IF, blockParams, blockResults);
            }
            case ELSE -> {
                int top = ctrlSize - 1;
                if (ctrlKind[top] != IF) {
                    throw new ValidationException("else without matching if" + where() + ")");
                }
                int[] p = ctrlParams[top];
                int[] r = ctrlResults[top];
                popCtrl();
                pushCtrl(ELSE, p, r);
            }
            case END -> {
                int top = ctrlSize - 1;
                int kind = ctrlKind[top];
                int[] p = ctrlParams[top];
                int[] r = ctrlResults[top];
                popCtrl();
                if (kind == IF) {
                    // An if without else behaves as if it had an empty else, which must turn p into r.
                    pushCtrl(ELSE, p, r);
                    popCtrl();
                }
                pushVals(r);
            }
            case BR -> {
                popVals(labelTypes(label(in.u32())));
                setUnreachable();
            }
            case BR_IF -> {
                int[] types = labelTypes(label(in.u32()));
                popVal(I32);
                popVals(types);
                pushVals(types);
            }
            case BR_TABLE -> brTable();
            case RETURN -> {
                popVals(ctrlResults[0]);
                setUnreachable();
            }
            case CALL -> {
                int typeIndex = ctx.funcTypes[function(in.u32())];
                popVals(ctx.typeParams[typeIndex]);
                pushVals(ctx.typeResults[typeIndex]);
            }
            case CALL_INDIRECT -> {
                int typeIndex = in.u32();
                int table = table(in.u32());
                if (!ctx.hasType(typeIndex)) {
                    throw fail("unknown type " + Integer.toUnsignedString(typeIndex));
                }
                if (ctx.tableTypes[table] != FUNCREF) {
                    throw fail("type mismatch", "call_indirect needs a table of funcref, table " + table + " holds "
                            + ValueTypes.name(ctx.tableTypes[table]));
                }
                popVal(I32);
                popVals(ctx.typeParams[typeIndex]);
                pushVals(ctx.typeResults[typeIndex]);
            }
            case DROP -> popAny();
            case SELECT -> {
                popVal(I32);
                int t1 = popAny();
                int t2 = popAny();
                boolean ok = (ValueTypes.isNumeric(t1) && ValueTypes.isNumeric(t2))
                        || (ValueTypes.isVector(t1) && ValueTypes.isVector(t2));
                if (!ok || (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN)) {
                    throw fail("type mismatch", "select without a type needs two operands of the same numeric or"
                            + " vector type but got " + ValueTypes.name(t2) + " and " + ValueTypes.name(t1));
                }
                push(t1 == UNKNOWN ? t2 : t1);
            }
            case SELECT_T -> {
                int n = in.u32();
                if (n != 1) {
                    throw fail("invalid result arity", "select takes exactly one type, got "
                            + Integer.toUnsignedString(n));
                }
                int t = valType(in.u8());
                popVal(I32);
                popVal(t);
                popVal(t);
                push(t);
            }
            case LOCAL_GET -> push(locals[local(in.u32())]);
            case LOCAL_SET -> popVal(locals[local(in.u32())]);
            case LOCAL_TEE -> {
                int t = locals[local(in.u32())];
                popVal(t);
                push(t);
            }
            case GLOBAL_GET -> push(ctx.globalTypes[global(in.u32())]);
            case GLOBAL_SET -> {
                int g = global(in.u32());
                if (!ctx.globalMutable[g]) {
                    throw fail("global is immutable", "global " + g);
                }
                popVal(ctx.globalTypes[g]);
            }
            case TABLE_GET -> {
                int t = ctx.tableTypes[table(in.u32())];
                popVal(I32);
                push(t);
            }
            case TABLE_SET -> {
                int t = ctx.tableTypes[table(in.u32())];
                popVal(t);
                popVal(I32);
            }
            case TABLE_GROW -> {
                int t = ctx.tableTypes[table(in.u32())];
                popVal(I32);
                popVal(t);
                push(I32);
            }
            case TABLE_SIZE -> {
                table(in.u32());
                push(I32);
            }
            case TABLE_FILL -> {
                int t = ctx.tableTypes[table(in.u32())];
                popVal(I32);
                popVal(t);
                popVal(I32);
            }
            case TABLE_INIT -> {
                int elem = in.u32();
                int table = table(in.u32());
                elem(elem);
                if (ctx.tableTypes[table] != ctx.elemTypes[elem]) {
                    throw fail("type mismatch", "element segment " + elem + " holds "
                            + ValueTypes.name(ctx.elemTypes[elem]) + " but table " + table + " holds "
                            + ValueTypes.name(ctx.tableTypes[table]));
                }
                applySignature(o);
            }
            case ELEM_DROP -> elem(in.u32());
            case TABLE_COPY -> {
                int dst = table(in.u32());
                int src = table(in.u32());
                if (ctx.tableTypes[dst] != ctx.tableTypes[src]) {
                    throw fail("type mismatch", "table " + src + " holds " + ValueTypes.name(ctx.tableTypes[src])
                            + " but table " + dst + " holds " + ValueTypes.name(ctx.tableTypes[dst]));
                }
                applySignature(o);
            }
            case MEMORY_INIT -> {
                int data = in.u32();
                memory(in.u32());
                data(data);
                applySignature(o);
            }
            case DATA_DROP -> data(in.u32());
            case MEMORY_COPY -> {
                memory(in.u32());
                memory(in.u32());
                applySignature(o);
            }
            case REF_NULL -> push(refType(in.u8()));
            case REF_IS_NULL -> {
                int t = popAny();
                if (!ValueTypes.isReference(t)) {
                    throw fail("type mismatch", "ref.is_null expects a reference but got " + ValueTypes.name(t));
                }
                push(I32);
            }
            case REF_FUNC -> {
                int f = function(in.u32());
                if (!ctx.declaredFuncs[f]) {
                    throw fail("undeclared function reference", "function " + f
                            + " is not named in an element segment, export or global initializer");
                }
                push(FUNCREF);
            }
            default -> fixed(o);
        }
    }

    /** Instructions with a fixed signature: check their immediates, then pop the params, push the results. */
    private void fixed(Opcode o) {
        switch (o.immediate()) {
            case NONE -> { }
            case MEMARG -> memarg(o);
            case MEMORY -> memory(in.u32());
            case I32 -> in.s32();
            case I64 -> in.s64();
            case F32 -> in.skip(4);
            case F64 -> in.skip(8);
            case V128 -> in.skip(16);
            case LANE -> lane(o);
            case MEMARG_LANE -> {
                memarg(o);
                lane(o);
            }
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    int lane = in.u8();
                    if (lane >= 32) {
                        throw fail("invalid lane index", "i8x16.shuffle lane " + lane + " is not below 32");
                    }
                }
            }
            default -> throw new IllegalStateException("no typing rule for " + o);
        }
        applySignature(o);
    }

    private void applySignature(Opcode o) {
        popVals(Signatures.PARAMS[o.ordinal()]);
        pushVals(Signatures.RESULTS[o.ordinal()]);
    }

    private void brTable() {
        popVal(I32);
        int n = in.u32();
        if (n < 0 || n > in.remaining()) {
            throw new ValidationException("unexpected end" + where() + ": br_table has more targets than bytes)");
        }
        if (targets.length < n) {
            targets = new int[Math.max(n, targets.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            targets[i] = in.u32();
        }
        int defaultLabel = label(in.u32());
        int arity = labelTypes(defaultLabel).length;
        for (int i = 0; i < n; i++) {
            int[] types = labelTypes(label(targets[i]));
            if (types.length != arity) {
                throw fail("type mismatch", "br_table target " + targets[i] + " takes " + types.length
                        + " values but the default target " + defaultLabel + " takes " + arity);
            }
            // Pop and push back the operands: a check that leaves the stack as it is.
            checkTop(types);
        }
        popVals(labelTypes(defaultLabel));
        setUnreachable();
    }

    // ---- Immediates and index checks ----

    private void readBlockType() {
        long v = in.s33();
        if (v == -64) {
            blockParams = ValueTypes.EMPTY;
            blockResults = ValueTypes.EMPTY;
        } else if (v < 0) {
            if (v < -64) {
                throw new ValidationException("malformed block type" + where() + ": " + v + ")");
            }
            blockParams = ValueTypes.EMPTY;
            blockResults = ValueTypes.single(valType((int) (v & 0x7F)));
        } else {
            if (v >= ctx.typeParams.length) {
                throw fail("unknown type " + v);
            }
            blockParams = ctx.typeParams[(int) v];
            blockResults = ctx.typeResults[(int) v];
        }
    }

    private int valType(int b) {
        int t = ValueTypes.fromByte(b);
        if (t < 0) {
            throw new ValidationException("malformed value type" + where() + ": 0x" + Integer.toHexString(b) + ")");
        }
        return t;
    }

    private int refType(int b) {
        int t = ValueTypes.fromByte(b);
        if (t != FUNCREF && t != EXTERNREF) {
            throw new ValidationException("malformed reference type" + where() + ": 0x"
                    + Integer.toHexString(b) + ")");
        }
        return t;
    }

    private void memarg(Opcode o) {
        int align = in.u32();
        in.u32(); // offset: any u32 is valid
        memory(0);
        if (Integer.compareUnsigned(align, o.naturalAlignment()) > 0) {
            throw fail("alignment must not be larger than natural", o.textName() + " allows at most 2^"
                    + o.naturalAlignment() + " but got 2^" + Integer.toUnsignedString(align));
        }
    }

    private void lane(Opcode o) {
        int lane = in.u8();
        if (lane >= o.laneCount()) {
            throw fail("invalid lane index", o.textName() + " lane " + lane + " is not below " + o.laneCount());
        }
    }

    /** Checks a label index and returns the index of its control frame. */
    private int label(int depth) {
        if (!inRange(depth, ctrlSize)) {
            throw fail("unknown label " + Integer.toUnsignedString(depth));
        }
        return ctrlSize - 1 - depth;
    }

    /** The types a branch to the frame at {@code frame} carries: a loop's params, otherwise its results. */
    private int[] labelTypes(int frame) {
        return ctrlKind[frame] == LOOP ? ctrlParams[frame] : ctrlResults[frame];
    }

    private int local(int x) {
        if (!inRange(x, localCount)) {
            throw fail("unknown local " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private int global(int x) {
        if (!inRange(x, ctx.globalTypes.length)) {
            throw fail("unknown global " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private int function(int x) {
        if (!inRange(x, ctx.funcTypes.length)) {
            throw fail("unknown function " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private int table(int x) {
        if (!inRange(x, ctx.tableTypes.length)) {
            throw fail("unknown table " + Integer.toUnsignedString(x));
        }
        return x;
    }

    private void memory(int x) {
        if (!inRange(x, ctx.memoryCount)) {
            throw fail("unknown memory " + Integer.toUnsignedString(x));
        }
    }

    private void elem(int x) {
        if (!inRange(x, ctx.elemTypes.length)) {
            throw fail("unknown elem segment " + Integer.toUnsignedString(x));
        }
    }

    private void data(int x) {
        // The text format has no data count section; a body from text (no code offset) needs none.
        if (!ctx.hasDataCount && codeOffset >= 0) {
            throw fail("data count section required", op.textName() + " needs it in a binary module");
        }
        if (!inRange(x, ctx.dataSegments)) {
            throw fail("unknown data segment " + Integer.toUnsignedString(x));
        }
    }

    // ---- Operand and control stacks ----

    private void push(int t) {
        if (size == vals.length) {
            vals = Arrays.copyOf(vals, size * 2);
        }
        vals[size++] = t;
    }

    private void pushVals(int[] types) {
        int n = types.length;
        if (size + n > vals.length) {
            vals = Arrays.copyOf(vals, Math.max(size + n, vals.length * 2));
        }
        System.arraycopy(types, 0, vals, size, n);
        size += n;
    }

    private int popAny() {
        int top = ctrlSize - 1;
        if (size == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) {
                return UNKNOWN;
            }
            throw fail("type mismatch", op.textName() + " expects a value but the stack is empty");
        }
        return vals[--size];
    }

    private void popVal(int want) {
        int top = ctrlSize - 1;
        if (size == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) {
                return;
            }
            throw mismatch(ValueTypes.single(want), 0);
        }
        int got = vals[size - 1];
        if (got != want && got != UNKNOWN && want != UNKNOWN) {
            throw mismatch(ValueTypes.single(want), 1);
        }
        size--;
    }

    private void popVals(int[] types) {
        if (types.length != 0) {
            checkTop(types);
            size = Math.max(ctrlHeight[ctrlSize - 1], size - types.length);
        }
    }

    /** Checks that the top of the stack (within the current frame) matches {@code types}, without popping. */
    private void checkTop(int[] types) {
        int n = types.length;
        int top = ctrlSize - 1;
        int avail = size - ctrlHeight[top];
        for (int j = 0; j < n; j++) {
            int want = types[n - 1 - j];
            if (j < avail) {
                int got = vals[size - 1 - j];
                if (got != want && got != UNKNOWN && want != UNKNOWN) {
                    throw mismatch(types, Math.min(n, avail));
                }
            } else if (!ctrlUnreachable[top]) {
                throw mismatch(types, avail);
            } else {
                return;
            }
        }
    }

    private void pushCtrl(int kind, int[] params, int[] results) {
        if (ctrlSize == ctrlKind.length) {
            int n = ctrlSize * 2;
            ctrlKind = Arrays.copyOf(ctrlKind, n);
            ctrlHeight = Arrays.copyOf(ctrlHeight, n);
            ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
            ctrlParams = Arrays.copyOf(ctrlParams, n);
            ctrlResults = Arrays.copyOf(ctrlResults, n);
        }
        ctrlKind[ctrlSize] = kind;
        ctrlHeight[ctrlSize] = size;
        ctrlUnreachable[ctrlSize] = false;
        ctrlParams[ctrlSize] = params;
        ctrlResults[ctrlSize] = results;
        ctrlSize++;
        pushVals(params);
    }

    private void popCtrl() {
        int top = ctrlSize - 1;
        int[] results = ctrlResults[top];
        popVals(results);
        if (size != ctrlHeight[top]) {
            int extra = size - ctrlHeight[top];
            throw fail("type mismatch", "the block ends with " + extra + " value(s) left over: expected "
                    + ValueTypes.list(results, 0, results.length) + " but got "
                    + ValueTypes.list(vals, ctrlHeight[top], size + results.length));
        }
        ctrlSize--;
    }

    private void setUnreachable() {
        int top = ctrlSize - 1;
        size = ctrlHeight[top];
        ctrlUnreachable[top] = true;
    }

    // ---- Errors ----

    /** A type mismatch; {@code got} is how many values at the top of the stack the instruction looked at. */
    private ValidationException mismatch(int[] expected, int got) {
        return fail("type mismatch", op.textName() + " expects " + ValueTypes.list(expected, 0, expected.length)
                + " but got " + ValueTypes.list(vals, size - got, size));
    }

    private ValidationException fail(String message) {
        return fail(message, op == null ? null : op.textName());
    }

    private ValidationException fail(String message, String detail) {
        return new ValidationException(message + where() + (detail == null ? "" : ": " + detail) + ")");
    }

    /** " (in function N at offset 0x..", left open so that a detail can follow. */
    private String where() {
        String at = codeOffset >= 0
                ? "offset 0x" + Integer.toHexString(codeOffset + instrStart)
                : "body offset 0x" + Integer.toHexString(instrStart);
        return " (in function " + funcIndex + " at " + at;
    }
}

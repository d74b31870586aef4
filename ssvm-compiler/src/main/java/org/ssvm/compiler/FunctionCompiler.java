package org.ssvm.compiler;

import static java.lang.constant.ConstantDescs.CD_Object;
import static org.ssvm.compiler.JvmTypes.CD_BYTES;
import static org.ssvm.compiler.JvmTypes.CD_CTX;
import static org.ssvm.compiler.JvmTypes.CD_FUNCTION;
import static org.ssvm.compiler.JvmTypes.CD_MEMORY;
import static org.ssvm.compiler.JvmTypes.CD_OBJECTS;
import static org.ssvm.compiler.JvmTypes.CD_OPCODE;
import static org.ssvm.compiler.JvmTypes.CD_RT;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.binary.CodeReader;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;

/**
 * Translates one validated Wasm function body to the code of a static JVM method.
 *
 * <p>Wasm locals become JVM locals and the Wasm operand stack is the JVM operand stack. The compiler tracks the
 * Wasm type of every stack entry itself. A branch that leaves extra values under the ones it carries parks the
 * carried values in temporary locals, pops the rest and pushes them back. Code after an unconditional branch is
 * skipped up to the end of its block, so the JVM never sees unreachable code.
 *
 * <p>The same class compiles the pieces of a split function ({@link #compileRegion}: a block or loop as a method of
 * its own, see {@link RegionPlanner}), the stubs of functions left to the interpreter
 * ({@link #compileFallbackStub}) and the call_indirect dispatchers ({@link #compileDispatcher}).
 */
final class FunctionCompiler {
    private static final int FUNC = 0;
    private static final int BLOCK = 1;
    private static final int LOOP = 2;
    private static final int IF = 3;
    /** In a region's method: a label outside the region; branching to it returns its exit code. */
    private static final int EXIT = 4;

    /** The signature of region methods: {@code (long[] locals, Object[] refLocals, Ctx, int depth) int exitCode}. */
    static final MethodTypeDesc REGION_TYPE = MethodTypeDesc.ofDescriptor("([J[Ljava/lang/Object;Lorg/ssvm/compiler/Ctx;I)I");

    static String regionName(int funcIndex, int regionId) { return "r" + funcIndex + "_" + regionId; }

    /** A region whose method still has to be generated, with the types each exit code carries (code k at k-1). */
    record PendingRegion(RegionPlanner.Region region, List<ValType[]> exits) {}

    /** A Wasm control frame. */
    private static final class Frame {
        final int kind;
        final ValType[] params;
        final ValType[] results;
        /** Type-stack height below the frame's parameters. */
        final int height;
        /** Branch target: the loop head, or the end of a block/if. */
        final Label label;
        Label elseLabel;
        boolean targeted;
        boolean hasElse;
        int exitCode;
        /** br_table landing pad that drops extra values before branching here (made on demand). */
        Label pad;

        Frame(int kind, ValType[] params, ValType[] results, int height, Label label) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.height = height;
            this.label = label;
        }

        ValType[] branchTypes() { return kind == LOOP ? params : results; }
    }

    private static final ValType[] NONE = new ValType[0];

    private final ModulePlan plan;
    private final int funcIndex;
    private final FuncType type;
    private final FunctionBody body;
    private final CodeBuilder cb;

    private int[] localSlot;
    private ValType[] localType;
    private int ctxSlot;
    /** The call depth of this function's frame (0 for a call from outside compiled code); callees get one more. */
    private int depthSlot;
    private int memSlot = -1;
    private int nextSlot;
    /** Temporaries by group (int, long, float, double, reference) and index. */
    private final List<List<Integer>> temps = new ArrayList<>();

    private ValType[] stack = new ValType[32];
    private int sp;
    private final ArrayList<Frame> frames = new ArrayList<>();
    private boolean unreachable;
    private int skipDepth;
    private CodeReader in;

    /** Regions of this function by start position (empty when it is not split). */
    private final Map<Integer, RegionPlanner.Region> regions;
    /** The region compiled by this compiler as its own method, or null for the function's own method. */
    private RegionPlanner.Region self;
    private List<ValType[]> selfExits;
    private int pseudoFrames;
    private boolean regionDone;
    /** The arrays locals travel in to and from region methods. */
    private int lSlot = -1;
    private int rSlot = -1;
    /** Region methods this method calls, to be generated next. */
    final List<PendingRegion> pending = new ArrayList<>();
    /** Depth check, gas charges and interruption polls (null for dispatchers). */
    private MeteringEmitter metering;

    /** A compiler for the call_indirect dispatcher of type {@code ft} (see {@link #compileDispatcher}). */
    FunctionCompiler(ModulePlan plan, FuncType ft, CodeBuilder cb) {
        this.plan = plan;
        this.funcIndex = -1;
        this.type = ft;
        this.body = null;
        this.cb = cb;
        this.regions = Map.of();
        for (int i = 0; i < 5; i++) {
            temps.add(new ArrayList<>());
        }
    }

    FunctionCompiler(ModulePlan plan, int funcIndex, CodeBuilder cb) {
        this.plan = plan;
        this.funcIndex = funcIndex;
        this.type = plan.funcTypes[funcIndex];
        this.body = plan.module.bodies().get(funcIndex - plan.importedFunctions);
        this.cb = cb;
        this.regions = plan.regions[funcIndex] != null ? plan.regions[funcIndex] : Map.of();
        this.metering = new MeteringEmitter(plan, funcIndex, body);
        for (int i = 0; i < 5; i++) {
            temps.add(new ArrayList<>());
        }
    }

    /** A compiler for the method of {@code region} of function {@code funcIndex}. */
    FunctionCompiler(ModulePlan plan, int funcIndex, CodeBuilder cb, RegionPlanner.Region region,
                     List<ValType[]> exits) {
        this(plan, funcIndex, cb);
        this.self = region;
        this.selfExits = exits;
    }

    // ------------------------------------------------------------------------------------------------ setup

    void compile() {
        int nParams = type.paramCount();
        ValType[] declared = body.locals();
        localSlot = new int[nParams + declared.length];
        localType = new ValType[localSlot.length];
        int slot = 0;
        for (int i = 0; i < nParams; i++) {
            localType[i] = type.param(i);
            localSlot[i] = slot;
            slot += JvmTypes.wide(localType[i]) ? 2 : 1;
        }
        ctxSlot = slot++;
        depthSlot = slot++;
        for (int i = 0; i < declared.length; i++) {
            ValType t = declared[i];
            localType[nParams + i] = t;
            localSlot[nParams + i] = slot;
            slot += JvmTypes.wide(t) ? 2 : 1;
            pushZero(t);
            cb.storeLocal(JvmTypes.kind(t), localSlot[nParams + i]);
        }
        if (plan.hasMemory) {
            memSlot = slot++;
        }
        if (!regions.isEmpty()) {
            lSlot = slot++;
            rSlot = slot++;
            pushConstant(localSlot.length);
            cb.newarray(TypeKind.LONG);
            cb.astore(lSlot);
            pushConstant(localSlot.length);
            cb.anewarray(CD_Object);
            cb.astore(rSlot);
        }
        slot = metering.allocate(slot, ctxSlot);
        nextSlot = slot;
        metering.entry(cb, depthSlot);
        reloadMemory();

        frames.add(new Frame(FUNC, NONE, type.results(), 0, null));
        in = CodeReader.forBody(body);
        while (!frames.isEmpty()) {
            Opcode op = in.next();
            if (unreachable) {
                skip(op);
            } else {
                markOffset();
                instruction(op);
            }
            if (!unreachable && !frames.isEmpty()) {
                metering.after(cb, in.position());
            }
        }
        metering.finish(cb);
    }

    /**
     * The method of region {@link #self}: locals come in (and go back out) through the arrays, branches to labels
     * outside the region return their exit code (1 = innermost enclosing label), {@code return} returns -1 and
     * falling out of the region 0; carried values travel in the context's result buffer.
     */
    void compileRegion() {
        int nParams = type.paramCount();
        ValType[] declared = body.locals();
        localSlot = new int[nParams + declared.length];
        localType = new ValType[localSlot.length];
        lSlot = 0;
        rSlot = 1;
        ctxSlot = 2;
        depthSlot = 3;
        int slot = 4;
        for (int i = 0; i < localSlot.length; i++) {
            localType[i] = i < nParams ? type.param(i) : declared[i - nParams];
            localSlot[i] = slot;
            slot += JvmTypes.wide(localType[i]) ? 2 : 1;
        }
        for (int i = self.used.nextSetBit(0); i >= 0; i = self.used.nextSetBit(i + 1)) {
            loadLocalFromArrays(i);
        }
        if (plan.hasMemory) {
            memSlot = slot++;
        }
        slot = metering.allocate(slot, ctxSlot);
        nextSlot = slot;
        metering.regionEntry(cb);
        reloadMemory();
        frames.add(new Frame(FUNC, NONE, type.results(), 0, null));
        for (int k = selfExits.size(); k >= 1; k--) {
            ValType[] carried = selfExits.get(k - 1);
            Frame exit = new Frame(EXIT, carried, carried, 0, null);
            exit.exitCode = k;
            frames.add(exit);
        }
        pseudoFrames = frames.size();
        in = CodeReader.forBody(body);
        in.setPosition(self.start);
        while (!regionDone) {
            Opcode op = in.next();
            if (unreachable) {
                skip(op);
            } else {
                markOffset();
                instruction(op);
            }
            if (!unreachable && !regionDone) {
                metering.after(cb, in.position());
            }
        }
        metering.finish(cb);
    }

    /**
     * Maps the code emitted next to the current instruction's body offset (line = offset + 1, so that no line is 0),
     * read only when a trap's Java stack trace is turned into Wasm frames ({@link CompiledBacktrace}). Offsets that
     * do not fit the class file's u2 keep the previous line.
     */
    private void markOffset() {
        int line = in.opcodePosition() + 1;
        if (line <= 0xFFFF) {
            cb.lineNumber(line);
        }
    }

    private void loadLocalFromArrays(int i) {
        ValType t = localType[i];
        if (t.isReference() || t == ValType.V128) {
            cb.aload(rSlot);
            pushConstant(i);
            cb.aaload();
            if (t == ValType.V128) {
                cb.checkcast(JvmTypes.CD_V128);
            }
        } else {
            cb.aload(lSlot);
            pushConstant(i);
            cb.invokestatic(CD_RT, "g" + JvmTypes.letter(t),
                    MethodTypeDesc.of(JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
        }
        cb.storeLocal(JvmTypes.kind(t), localSlot[i]);
    }

    private void storeLocalToArrays(int i) {
        ValType t = localType[i];
        cb.loadLocal(JvmTypes.kind(t), localSlot[i]);
        if (t.isReference() || t == ValType.V128) {
            cb.aload(rSlot);
            pushConstant(i);
            rt("sR", "(Ljava/lang/Object;[Ljava/lang/Object;I)V");
        } else {
            cb.aload(lSlot);
            pushConstant(i);
            cb.invokestatic(CD_RT, "s" + JvmTypes.letter(t),
                    MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
        }
    }

    private Label exitEpilogue;

    /** Leaves the region method with {@code code}, through the shared epilogue (the JVM stack must be empty). */
    private void exitWith(int code) {
        if (exitEpilogue == null) {
            exitEpilogue = cb.newLabel();
        }
        pushConstant(code);
        cb.goto_(exitEpilogue);
    }

    private void storeWrittenLocals() {
        for (int i = self.written.nextSetBit(0); i >= 0; i = self.written.nextSetBit(i + 1)) {
            storeLocalToArrays(i);
        }
    }

    /** Pops values of {@code types} (the last on top) into the context's result buffer. */
    private void storeBuffer(ValType[] types) {
        int[] offsets = slotOffsets(types);
        for (int i = types.length - 1; i >= 0; i--) {
            ValType t = types[i];
            loadCtx();
            if (t.isReference()) {
                cb.getfield(CD_CTX, "resultRefs", CD_OBJECTS);
                pushConstant(offsets[i]);
                rt("sR", "(Ljava/lang/Object;[Ljava/lang/Object;I)V");
            } else {
                cb.getfield(CD_CTX, "results", CD_LONG_ARRAY);
                pushConstant(offsets[i]);
                cb.invokestatic(CD_RT, "s" + JvmTypes.letter(t),
                        MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
            }
        }
    }

    /** Pushes values of {@code types} from the context's result buffer. */
    private void loadBuffer(ValType[] types) {
        int[] ro = slotOffsets(types);
        for (int i = 0; i < types.length; i++) {
            loadRaw(types[i], () -> {
                loadCtx();
                cb.getfield(CD_CTX, "results", CD_LONG_ARRAY);
            }, () -> {
                loadCtx();
                cb.getfield(CD_CTX, "resultRefs", CD_OBJECTS);
            }, ro[i]);
        }
    }

    /** Calls the method of region {@code r} (a block or loop starting here, on an empty stack) and continues after it. */
    private void callRegion(RegionPlanner.Region r, ValType[] results) {
        for (int i = r.used.nextSetBit(0); i >= 0; i = r.used.nextSetBit(i + 1)) {
            storeLocalToArrays(i);
        }
        cb.aload(lSlot);
        cb.aload(rSlot);
        loadCtx();
        cb.iload(depthSlot);
        beforeCall();
        cb.invokestatic(plan.owner(funcIndex), regionName(funcIndex, r.id), REGION_TYPE);
        afterCall();
        int exits = frames.size() - 1;
        List<ValType[]> exitTypes = new ArrayList<>();
        for (int k = 1; k <= exits; k++) {
            exitTypes.add(frame(k - 1).branchTypes());
        }
        pending.add(new PendingRegion(r, exitTypes));
        for (int i = r.written.nextSetBit(0); i >= 0; i = r.written.nextSetBit(i + 1)) {
            loadLocalFromArrays(i);
        }
        reloadMemory();
        Label normal = cb.newLabel();
        Label ret = cb.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        cases.add(SwitchCase.of(-1, ret));
        cases.add(SwitchCase.of(0, normal));
        Label[] exitLabels = new Label[exits + 1];
        for (int k = 1; k <= exits; k++) {
            exitLabels[k] = cb.newLabel();
            cases.add(SwitchCase.of(k, exitLabels[k]));
        }
        cb.tableswitch(-1, exits, normal, cases);
        cb.labelBinding(ret);
        loadBuffer(type.results());
        emitReturn();
        for (int k = 1; k <= exits; k++) {
            cb.labelBinding(exitLabels[k]);
            Frame target = frame(k - 1);
            loadBuffer(target.branchTypes());
            pushAll(target.branchTypes());
            branch(target);
            sp = 0;
        }
        cb.labelBinding(normal);
        loadBuffer(results);
        pushAll(results);
        in.setPosition(r.end);
    }

    /** Whether the block or loop just read starts a region to call here. */
    private boolean isRegionStart(ValType[][] bt) {
        if (regions.isEmpty() || sp != 0 || bt[0].length != 0) {
            return false;
        }
        RegionPlanner.Region r = regions.get(in.opcodePosition());
        return r != null && r != self;
    }

    private void skip(Opcode op) {
        switch (op) {
            case BLOCK, LOOP, IF -> skipDepth++;
            case ELSE -> {
                if (skipDepth == 0) {
                    doElse();
                }
            }
            case END -> {
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    doEnd();
                }
            }
            default -> { }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void push(ValType t) {
        if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = t;
    }

    private void pushAll(ValType[] ts) {
        for (ValType t : ts) {
            push(t);
        }
    }

    private ValType pop() { return stack[--sp]; }

    private ValType top() { return stack[sp - 1]; }

    private void rt(String name, String descriptor) {
        cb.invokestatic(CD_RT, name, MethodTypeDesc.ofDescriptor(descriptor));
    }

    private void call(ClassDesc owner, String name, String descriptor) {
        cb.invokestatic(owner, name, MethodTypeDesc.ofDescriptor(descriptor));
    }

    private static final ClassDesc CD_INTEGER = ClassDesc.of("java.lang.Integer");
    private static final ClassDesc CD_FLOAT = ClassDesc.of("java.lang.Float");
    private static final ClassDesc CD_DOUBLE = ClassDesc.of("java.lang.Double");


    private void loadCtx() { cb.aload(ctxSlot); }

    private void reloadMemory() {
        if (memSlot >= 0) {
            loadCtx();
            cb.getfield(CD_CTX, "memory", CD_MEMORY);
            cb.invokevirtual(CD_MEMORY, "array", MethodTypeDesc.of(CD_BYTES));
            cb.astore(memSlot);
        }
    }

    private void pushZero(ValType t) {
        switch (t) {
            case I32 -> cb.iconst_0();
            case I64 -> cb.lconst_0();
            case F32 -> cb.fconst_0();
            case F64 -> cb.dconst_0();
            case V128 -> rt("v128Zero", "()[J");
            default -> cb.aconst_null();
        }
    }

    private void popValue(ValType t) {
        if (JvmTypes.wide(t)) {
            cb.pop2();
        } else {
            cb.pop();
        }
    }

    private int temp(ValType t, int k) {
        int group = switch (t) {
            case I32 -> 0;
            case I64 -> 1;
            case F32 -> 2;
            case F64 -> 3;
            default -> 4;
        };
        List<Integer> pool = temps.get(group);
        while (pool.size() <= k) {
            pool.add(nextSlot);
            nextSlot += JvmTypes.wide(t) ? 2 : 1;
        }
        return pool.get(k);
    }

    /** Slot of the k-th temporary of each type among {@code types}, in order. */
    private int[] tempSlots(ValType[] types, int extraRefs) {
        int[] counts = new int[5];
        int[] slots = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            ValType t = types[i];
            int group = t.isReference() || t == ValType.V128 ? 4 : t.ordinal();
            slots[i] = temp(t, counts[group]++ + (group == 4 ? extraRefs : 0));
        }
        return slots;
    }

    private void pushConstant(int v) { cb.loadConstant(v); }

    // ------------------------------------------------------------------------------------------------ control

    private Frame frame(int depth) { return frames.get(frames.size() - 1 - depth); }

    private ValType[][] blockType() {
        if (in.blockTypeEmpty()) {
            return new ValType[][] {NONE, NONE};
        }
        if (in.blockValType() != null) {
            return new ValType[][] {NONE, new ValType[] {in.blockValType()}};
        }
        FuncType ft = plan.module.types().get(in.blockTypeIndex());
        return new ValType[][] {ft.params(), ft.results()};
    }

    /** Emits a branch to {@code f} from the current stack (which the caller leaves as it is in its type stack). */
    private void branch(Frame f) {
        if (f.kind == FUNC) {
            emitReturn();
            return;
        }
        if (f.kind == EXIT) {
            storeBuffer(f.results);
            for (int i = sp - f.results.length - 1; i >= 0; i--) {
                popValue(stack[i]); // the region started on an empty stack: leave it empty for the epilogue
            }
            exitWith(f.exitCode);
            return;
        }
        ValType[] carried = f.branchTypes();
        int extras = sp - f.height - carried.length;
        if (extras > 0) {
            dropUnder(carried, extras);
        }
        cb.goto_(f.label);
        f.targeted = true;
    }

    /** Removes {@code extras} values lying under the top {@code carried.length} values. */
    private void dropUnder(ValType[] carried, int extras) {
        int[] slots = tempSlots(carried, 0);
        for (int i = carried.length - 1; i >= 0; i--) {
            cb.storeLocal(JvmTypes.kind(carried[i]), slots[i]);
        }
        for (int i = 0; i < extras; i++) {
            popValue(stack[sp - carried.length - 1 - i]);
        }
        for (int i = 0; i < carried.length; i++) {
            cb.loadLocal(JvmTypes.kind(carried[i]), slots[i]);
        }
    }

    private boolean needsDrop(Frame f) {
        return f.kind == FUNC || f.kind == EXIT || sp - f.height - f.branchTypes().length > 0;
    }

    /** Gas counted in locals goes back to the meter before any code that may read or charge it runs. */
    private void beforeCall() {
        if (metering != null) {
            metering.beforeCall(cb);
        }
    }

    private void afterCall() {
        if (metering != null) {
            metering.afterCall(cb);
        }
    }

    private void beforeReturn() {
        if (metering != null) {
            metering.beforeReturn(cb);
        }
    }

    /** Pushes the depth a callee runs at: one more than this frame's. */
    private void calleeDepth() {
        cb.iload(depthSlot);
        cb.iconst_1();
        cb.iadd();
    }

    private void emitReturn() {
        ValType[] results = type.results();
        if (self != null) {
            storeBuffer(results);
            beforeReturn();
            cb.iconst_m1();
            cb.ireturn();
        } else if (results.length == 0) {
            beforeReturn();
            cb.return_();
        } else if (results.length == 1) {
            beforeReturn();
            cb.return_(JvmTypes.kind(results[0]));
        } else {
            int[] offsets = slotOffsets(results);
            for (int i = results.length - 1; i >= 0; i--) {
                ValType t = results[i];
                loadCtx();
                if (t.isReference()) {
                    cb.getfield(CD_CTX, "resultRefs", CD_OBJECTS);
                    pushConstant(offsets[i]);
                    rt("sR", "(Ljava/lang/Object;[Ljava/lang/Object;I)V");
                } else {
                    cb.getfield(CD_CTX, "results", CD_LONG_ARRAY);
                    pushConstant(offsets[i]);
                    cb.invokestatic(CD_RT, "s" + JvmTypes.letter(t),
                            MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
                }
            }
            beforeReturn();
            cb.return_();
        }
    }

    private static final ClassDesc CD_LONG_ARRAY = ConstantDescs.CD_long.arrayType();

    static int[] slotOffsets(ValType[] types) {
        int[] offsets = new int[types.length];
        int at = 0;
        for (int i = 0; i < types.length; i++) {
            offsets[i] = at;
            at += types[i] == ValType.V128 ? 2 : 1;
        }
        return offsets;
    }

    private void doElse() {
        Frame f = frame(0);
        if (!unreachable) {
            cb.goto_(f.label);
            f.targeted = true;
        }
        cb.labelBinding(f.elseLabel);
        f.hasElse = true;
        sp = f.height;
        pushAll(f.params);
        unreachable = false;
    }

    private void doEnd() {
        Frame f = frame(0);
        boolean fallsThrough = !unreachable;
        if (f.kind == FUNC) {
            if (fallsThrough) {
                emitReturn();
            }
            frames.remove(frames.size() - 1);
            return;
        }
        boolean endReachable;
        if (f.kind == LOOP) {
            endReachable = fallsThrough;
        } else {
            endReachable = fallsThrough || f.targeted;
            if (f.kind == IF && !f.hasElse) {
                cb.labelBinding(f.elseLabel); // the false path passes its parameters through
                endReachable = true;
            }
            if (f.targeted) {
                cb.labelBinding(f.label);
            }
        }
        frames.remove(frames.size() - 1);
        sp = f.height;
        pushAll(f.results);
        unreachable = !endReachable;
        if (self != null && frames.size() == pseudoFrames) {
            if (endReachable) {
                storeBuffer(f.results);
                exitWith(0);
            }
            if (exitEpilogue != null) {
                // shared by all exits: store the locals the region wrote, return the exit code
                cb.labelBinding(exitEpilogue);
                int code = temp(ValType.I32, 0);
                cb.istore(code);
                storeWrittenLocals();
                beforeReturn();
                cb.iload(code);
                cb.ireturn();
            }
            regionDone = true;
        }
    }

    // ------------------------------------------------------------------------------------------------ calls

    /**
     * Calls through the raw convention: arguments (on the stack) go to fresh slot arrays, {@code target} pushes
     * the FunctionInstance, results come back onto the stack.
     */
    private void rawCall(FuncType ft, Runnable target) {
        ValType[] params = ft.params();
        ValType[] results = ft.results();
        int n = Math.max(1, Math.max(FunctionInstance.slotCount(params), FunctionInstance.slotCount(results)));
        int s = temp(ValType.EXTERNREF, 0);
        int r = temp(ValType.EXTERNREF, 1);
        pushConstant(n);
        cb.newarray(TypeKind.LONG);
        cb.astore(s);
        pushConstant(n);
        cb.anewarray(CD_Object);
        cb.astore(r);
        int[] po = slotOffsets(params);
        for (int i = params.length - 1; i >= 0; i--) {
            storeRaw(params[i], s, r, po[i]);
        }
        target.run();
        cb.aload(s);
        cb.aload(r);
        loadCtx();
        beforeCall();
        rt("callRaw", "(Lorg/ssvm/runtime/FunctionInstance;[J[Ljava/lang/Object;Lorg/ssvm/compiler/Ctx;)V");
        afterCall();
        int[] ro = slotOffsets(results);
        for (int i = 0; i < results.length; i++) {
            loadRaw(results[i], () -> cb.aload(s), () -> cb.aload(r), ro[i]);
        }
    }

    /** Stores the stack top (of type t) into raw slot {@code offset} of the arrays in locals s/r. */
    private void storeRaw(ValType t, int s, int r, int offset) {
        if (t.isReference()) {
            cb.aload(r);
            pushConstant(offset);
            rt("sR", "(Ljava/lang/Object;[Ljava/lang/Object;I)V");
        } else {
            cb.aload(s);
            pushConstant(offset);
            cb.invokestatic(CD_RT, "s" + JvmTypes.letter(t),
                    MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
        }
    }

    private void loadRaw(ValType t, Runnable slots, Runnable refs, int offset) {
        if (t.isReference()) {
            refs.run();
            pushConstant(offset);
            rt("gR", "([Ljava/lang/Object;I)Ljava/lang/Object;");
        } else {
            slots.run();
            pushConstant(offset);
            cb.invokestatic(CD_RT, "g" + JvmTypes.letter(t),
                    MethodTypeDesc.of(JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
        }
    }

    private void directCall(int callee) {
        FuncType ft = plan.funcTypes[callee];
        if (callee < plan.importedFunctions || plan.noMethod(callee)) {
            String array = callee < plan.importedFunctions ? "functions" : "fallbacks";
            rawCall(ft, () -> {
                loadCtx();
                cb.getfield(CD_CTX, array, CD_FUNCTION.arrayType());
                pushConstant(callee);
                cb.aaload();
            });
        } else {
            loadCtx();
            calleeDepth();
            beforeCall();
            cb.invokestatic(plan.owner(callee), ModulePlan.methodName(callee), JvmTypes.methodType(ft));
            afterCall();
            readMultiResults(ft);
        }
        finishCall(ft, plan.mayGrowMemory[callee]);
    }

    /** After a direct call returning several values, pushes them from the context's buffer. */
    private void readMultiResults(FuncType ft) {
        if (ft.resultCount() > 1) {
            ValType[] results = ft.results();
            int[] ro = slotOffsets(results);
            for (int i = 0; i < results.length; i++) {
                loadRaw(results[i], () -> {
                    loadCtx();
                    cb.getfield(CD_CTX, "results", CD_LONG_ARRAY);
                }, () -> {
                    loadCtx();
                    cb.getfield(CD_CTX, "resultRefs", CD_OBJECTS);
                }, ro[i]);
            }
        }
    }

    private void finishCall(FuncType ft, boolean mayGrow) {
        sp -= ft.paramCount();
        pushAll(ft.results());
        if (mayGrow) {
            reloadMemory();
        }
    }

    /** Most functions of one type a dispatcher calls by a switch (each case is some 10 bytes of its method). */
    static final int MAX_SWITCHED_TARGETS = 256;

    /**
     * The dispatcher's fast path: when the callee is a compiled function of this instance whose index is one of
     * the module's functions of the dispatcher's type (up to {@link #MAX_SWITCHED_TARGETS}), a switch calls its
     * static method directly. Other callees fall through to the code after it. No method handle is involved: it
     * is faster than a handle that is not a constant, and nothing is looked up or linked at the first call.
     */
    private void directSwitch(int fnSlot) {
        List<Integer> targets = new ArrayList<>();
        for (int f = plan.importedFunctions; f < plan.funcTypes.length; f++) {
            if (plan.funcTypes[f].equals(type) && !plan.noMethod(f)) {
                targets.add(f);
            }
        }
        if (targets.isEmpty() || targets.size() > MAX_SWITCHED_TARGETS) {
            return;
        }
        Label other = cb.newLabel();
        List<SwitchCase> cases = new ArrayList<>();
        for (int f : targets) {
            cases.add(SwitchCase.of(f, cb.newLabel()));
        }
        cb.aload(fnSlot);
        loadCtx();
        rt("sameInstanceIndex", "(Lorg/ssvm/runtime/FunctionInstance;Lorg/ssvm/compiler/Ctx;)I");
        cb.lookupswitch(other, cases);
        for (SwitchCase c : cases) {
            cb.labelBinding(c.target());
            loadDispatcherArguments();
            cb.invokestatic(plan.owner(c.caseValue()), ModulePlan.methodName(c.caseValue()), JvmTypes.methodType(type));
            returnDirectResult();
        }
        cb.labelBinding(other);
    }

    /** In a dispatcher: pushes the callee's arguments as a direct call takes them (parameters, context, depth). */
    private void loadDispatcherArguments() {
        for (int i = 0; i < type.paramCount(); i++) {
            cb.loadLocal(JvmTypes.kind(type.param(i)), localSlot[i]);
        }
        loadCtx();
        cb.iload(depthSlot);
    }

    /** In a dispatcher, after a direct call: returns its result as it came. */
    private void returnDirectResult() {
        if (type.resultCount() == 1) {
            cb.return_(JvmTypes.kind(type.result(0)));
        } else {
            cb.return_(); // several results are already in the context
        }
    }

    /** The body of a function left to the interpreter: forward the call to {@code ctx.fallbacks[index]}. */
    void compileFallbackStub() {
        int slot = 0;
        localSlot = new int[type.paramCount()];
        for (int i = 0; i < type.paramCount(); i++) {
            localSlot[i] = slot;
            slot += JvmTypes.wide(type.param(i)) ? 2 : 1;
        }
        ctxSlot = slot++;
        depthSlot = slot++;
        nextSlot = slot;
        for (int i = 0; i < type.paramCount(); i++) {
            cb.loadLocal(JvmTypes.kind(type.param(i)), localSlot[i]);
            push(type.param(i));
        }
        rawCall(type, () -> {
            loadCtx();
            cb.getfield(CD_CTX, "fallbacks", CD_FUNCTION.arrayType());
            pushConstant(funcIndex);
            cb.aaload();
        });
        sp = 0;
        pushAll(type.results());
        emitReturn();
    }

    /**
     * {@code i<n>(params..., FunctionInstance callee, Ctx ctx, int depth)}: calls a call_indirect target. A
     * compiled function of the same instance is called directly ({@link #directSwitch}) or, past the switch's
     * limit, through its typed method handle; anything else (host functions, other instances or engines) through
     * the raw convention. Results come back as from a direct call.
     */
    void compileDispatcher() {
        int slot = 0;
        localSlot = new int[type.paramCount()];
        for (int i = 0; i < type.paramCount(); i++) {
            localSlot[i] = slot;
            slot += JvmTypes.wide(type.param(i)) ? 2 : 1;
        }
        int fnSlot = slot++;
        ctxSlot = slot++;
        depthSlot = slot++; // the callee's depth already
        nextSlot = slot;
        directSwitch(fnSlot);
        Label raw = cb.newLabel();
        cb.aload(fnSlot);
        loadCtx();
        rt("direct", "(Lorg/ssvm/runtime/FunctionInstance;Lorg/ssvm/compiler/Ctx;)Ljava/lang/invoke/MethodHandle;");
        cb.dup();
        cb.ifnull(raw);
        loadDispatcherArguments();
        cb.invokevirtual(ClassDesc.of("java.lang.invoke.MethodHandle"), "invokeExact", JvmTypes.methodType(type));
        returnDirectResult();
        cb.labelBinding(raw);
        cb.pop();
        for (int i = 0; i < type.paramCount(); i++) {
            cb.loadLocal(JvmTypes.kind(type.param(i)), localSlot[i]);
            push(type.param(i));
        }
        rawCall(type, () -> cb.aload(fnSlot));
        sp = 0;
        pushAll(type.results());
        emitReturn();
    }

    // ------------------------------------------------------------------------------------------------ instructions

    private void instruction(Opcode op) {
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                rt("unreachable", "()Lorg/ssvm/TrapException;");
                cb.athrow();
                unreachable = true;
            }
            case BLOCK -> {
                ValType[][] bt = blockType();
                if (isRegionStart(bt)) {
                    callRegion(regions.get(in.opcodePosition()), bt[1]);
                    return;
                }
                frames.add(new Frame(BLOCK, bt[0], bt[1], sp - bt[0].length, cb.newLabel()));
            }
            case LOOP -> {
                ValType[][] bt = blockType();
                if (isRegionStart(bt)) {
                    callRegion(regions.get(in.opcodePosition()), bt[1]);
                    return;
                }
                Label head = cb.newBoundLabel();
                metering.loopHead(cb); // the back edge lands on the poll
                frames.add(new Frame(LOOP, bt[0], bt[1], sp - bt[0].length, head));
            }
            case IF -> {
                ValType[][] bt = blockType();
                sp--;
                Frame f = new Frame(IF, bt[0], bt[1], sp - bt[0].length, cb.newLabel());
                f.elseLabel = cb.newLabel();
                cb.ifeq(f.elseLabel);
                frames.add(f);
            }
            case ELSE -> doElse();
            case END -> doEnd();
            case BR -> {
                branch(frame(in.index()));
                unreachable = true;
            }
            case BR_IF -> {
                sp--;
                Frame f = frame(in.index());
                if (!needsDrop(f)) {
                    cb.ifne(f.label);
                    f.targeted = true;
                } else {
                    Label skip = cb.newLabel();
                    cb.ifeq(skip);
                    branch(f);
                    cb.labelBinding(skip);
                }
            }
            case BR_TABLE -> brTable();
            case RETURN -> {
                emitReturn();
                unreachable = true;
            }
            case CALL -> directCall(in.index());
            case CALL_INDIRECT -> {
                FuncType ft = plan.module.types().get(in.index());
                loadCtx();
                pushConstant(in.index());
                pushConstant(in.index2());
                rt("indirect", "(ILorg/ssvm/compiler/Ctx;II)Lorg/ssvm/runtime/FunctionInstance;");
                sp--;
                if (!ModulePlan.fitsJvmMethod(ft)) {
                    int fnSlot = temp(ValType.EXTERNREF, 2);
                    cb.astore(fnSlot);
                    rawCall(ft, () -> cb.aload(fnSlot));
                    finishCall(ft, true);
                    return;
                }
                loadCtx();
                calleeDepth();
                beforeCall();
                cb.invokestatic(ClassDesc.of(plan.dispatcherClass()), ModulePlan.dispatcherName(plan.dispatcher(ft)),
                        ModulePlan.dispatcherType(ft));
                afterCall();
                readMultiResults(ft);
                finishCall(ft, true);
            }
            case DROP -> popValue(pop());
            case SELECT, SELECT_T -> select();
            case LOCAL_GET -> {
                int i = in.index();
                cb.loadLocal(JvmTypes.kind(localType[i]), localSlot[i]);
                push(localType[i]);
            }
            case LOCAL_SET -> {
                int i = in.index();
                cb.storeLocal(JvmTypes.kind(localType[i]), localSlot[i]);
                pop();
            }
            case LOCAL_TEE -> {
                int i = in.index();
                if (JvmTypes.wide(localType[i])) {
                    cb.dup2();
                } else {
                    cb.dup();
                }
                cb.storeLocal(JvmTypes.kind(localType[i]), localSlot[i]);
            }
            case GLOBAL_GET -> {
                ValType t = plan.globalTypes[in.index()];
                loadCtx();
                pushConstant(in.index());
                cb.invokestatic(CD_RT, "glob" + JvmTypes.letter(t), MethodTypeDesc.of(JvmTypes.desc(t), CD_CTX,
                        ConstantDescs.CD_int));
                push(t);
            }
            case GLOBAL_SET -> {
                ValType t = pop();
                loadCtx();
                pushConstant(in.index());
                cb.invokestatic(CD_RT, "setGlob" + JvmTypes.letter(t), MethodTypeDesc.of(ConstantDescs.CD_void,
                        JvmTypes.desc(t), CD_CTX, ConstantDescs.CD_int));
            }
            case TABLE_GET -> {
                loadCtx();
                pushConstant(in.index());
                rt("tableGet", "(ILorg/ssvm/compiler/Ctx;I)Ljava/lang/Object;");
                pop();
                push(tableElementType(in.index()));
            }
            case TABLE_SET -> {
                loadCtx();
                pushConstant(in.index());
                rt("tableSet", "(ILjava/lang/Object;Lorg/ssvm/compiler/Ctx;I)V");
                sp -= 2;
            }
            case TABLE_SIZE -> {
                loadCtx();
                pushConstant(in.index());
                rt("tableSize", "(Lorg/ssvm/compiler/Ctx;I)I");
                push(ValType.I32);
            }
            case TABLE_GROW -> {
                loadCtx();
                pushConstant(in.index());
                rt("tableGrow", "(Ljava/lang/Object;ILorg/ssvm/compiler/Ctx;I)I");
                sp -= 2;
                push(ValType.I32);
            }
            case TABLE_FILL -> {
                loadCtx();
                pushConstant(in.index());
                rt("tableFill", "(ILjava/lang/Object;ILorg/ssvm/compiler/Ctx;I)V");
                sp -= 3;
            }
            case TABLE_COPY -> {
                loadCtx();
                pushConstant(in.index());
                pushConstant(in.index2());
                rt("tableCopy", "(IIILorg/ssvm/compiler/Ctx;II)V");
                sp -= 3;
            }
            case TABLE_INIT -> {
                loadCtx();
                pushConstant(in.index());
                pushConstant(in.index2());
                rt("tableInit", "(IIILorg/ssvm/compiler/Ctx;II)V");
                sp -= 3;
            }
            case ELEM_DROP -> {
                loadCtx();
                pushConstant(in.index());
                rt("elemDrop", "(Lorg/ssvm/compiler/Ctx;I)V");
            }
            case MEMORY_INIT -> {
                loadCtx();
                pushConstant(in.index());
                rt("memInit", "(IIILorg/ssvm/compiler/Ctx;I)V");
                sp -= 3;
            }
            case DATA_DROP -> {
                loadCtx();
                pushConstant(in.index());
                rt("dataDrop", "(Lorg/ssvm/compiler/Ctx;I)V");
            }
            case MEMORY_COPY -> {
                loadCtx();
                rt("memCopy", "(IIILorg/ssvm/compiler/Ctx;)V");
                sp -= 3;
            }
            case MEMORY_FILL -> {
                loadCtx();
                rt("memFill", "(IIILorg/ssvm/compiler/Ctx;)V");
                sp -= 3;
            }
            case MEMORY_SIZE -> {
                loadCtx();
                rt("memSize", "(Lorg/ssvm/compiler/Ctx;)I");
                push(ValType.I32);
            }
            case MEMORY_GROW -> {
                loadCtx();
                rt("memGrow", "(ILorg/ssvm/compiler/Ctx;)I");
                reloadMemory();
            }
            case REF_NULL -> {
                cb.aconst_null();
                push(in.heapType());
            }
            case REF_IS_NULL -> condition(java.lang.classfile.Opcode.IFNULL, 1);
            case REF_FUNC -> {
                loadCtx();
                pushConstant(in.index());
                rt("refFunc", "(Lorg/ssvm/compiler/Ctx;I)Ljava/lang/Object;");
                push(ValType.FUNCREF);
            }
            case I32_CONST -> {
                pushConstant(in.i32Value());
                push(ValType.I32);
            }
            case I64_CONST -> {
                cb.loadConstant(in.value());
                push(ValType.I64);
            }
            case F32_CONST -> {
                int bits = (int) in.value();
                float v = Float.intBitsToFloat(bits);
                if (v != v || bits == 0x8000_0000) {
                    // NaN payloads and -0 stay exact when built from their bits
                    pushConstant(bits);
                    call(CD_FLOAT, "intBitsToFloat", "(I)F");
                } else {
                    cb.loadConstant(v);
                }
                push(ValType.F32);
            }
            case F64_CONST -> {
                long bits = in.value();
                double v = Double.longBitsToDouble(bits);
                if (v != v || bits == Long.MIN_VALUE) {
                    cb.loadConstant(bits);
                    call(CD_DOUBLE, "longBitsToDouble", "(J)D");
                } else {
                    cb.loadConstant(v);
                }
                push(ValType.F64);
            }
            case V128_CONST -> {
                cb.loadConstant(in.v128Low());
                cb.loadConstant(in.v128High());
                rt("v128", "(JJ)[J");
                push(ValType.V128);
            }
            default -> {
                if (op.immediate() == Opcode.Immediate.MEMARG && op.prefix() == 0) {
                    memoryAccess(op, in.memOffset());
                } else if (op.prefix() == Opcode.PREFIX_FD) {
                    simd(op);
                } else {
                    numeric(op);
                }
            }
        }
    }

    private ValType tableElementType(int table) {
        return plan.module.tableTypes()[table].elementType();
    }

    private void select() {
        sp--; // condition
        ValType t = pop();
        Label second = cb.newLabel();
        Label done = cb.newLabel();
        cb.ifeq(second);
        popValue(t); // keep the first
        cb.goto_(done);
        cb.labelBinding(second);
        if (JvmTypes.wide(t)) { // keep the second: a b -> b
            cb.dup2_x2();
            cb.pop2();
            cb.pop2();
        } else {
            cb.swap();
            cb.pop();
        }
        cb.labelBinding(done);
    }

    private void brTable() {
        sp--;
        int n = in.targetCount();
        Frame defaultFrame = frame(in.index());
        if (n == 0) {
            cb.pop();
            branch(defaultFrame);
            unreachable = true;
            return;
        }
        Map<Frame, Label> pads = new HashMap<>();
        List<SwitchCase> cases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cases.add(SwitchCase.of(i, targetLabel(frame(in.target(i)), pads)));
        }
        Label dflt = targetLabel(defaultFrame, pads);
        cb.tableswitch(0, n - 1, dflt, cases);
        for (Map.Entry<Frame, Label> e : pads.entrySet()) {
            cb.labelBinding(e.getValue());
            branch(e.getKey());
        }
        unreachable = true;
    }

    private Label targetLabel(Frame f, Map<Frame, Label> pads) {
        if (!needsDrop(f)) {
            f.targeted = true;
            return f.label;
        }
        return pads.computeIfAbsent(f, k -> cb.newLabel());
    }

    private void memoryAccess(Opcode op, int offset) {
        if (op == Opcode.I64_STORE8 || op == Opcode.I64_STORE16 || op == Opcode.I64_STORE32) {
            cb.l2i(); // narrow stores of an i64 only need its low bits
        }
        pushConstant(offset);
        cb.aload(memSlot);
        switch (op) {
            case I32_LOAD -> rt("ldI32", "(II[B)I");
            case I64_LOAD -> rt("ldI64", "(II[B)J");
            case F32_LOAD -> rt("ldF32", "(II[B)F");
            case F64_LOAD -> rt("ldF64", "(II[B)D");
            case I32_LOAD8_S -> rt("ld8s", "(II[B)I");
            case I32_LOAD8_U -> rt("ld8u", "(II[B)I");
            case I32_LOAD16_S -> rt("ld16s", "(II[B)I");
            case I32_LOAD16_U -> rt("ld16u", "(II[B)I");
            case I64_LOAD8_S -> {
                rt("ld8s", "(II[B)I");
                cb.i2l();
            }
            case I64_LOAD8_U -> {
                rt("ld8u", "(II[B)I");
                cb.i2l();
            }
            case I64_LOAD16_S -> {
                rt("ld16s", "(II[B)I");
                cb.i2l();
            }
            case I64_LOAD16_U -> {
                rt("ld16u", "(II[B)I");
                cb.i2l();
            }
            case I64_LOAD32_S -> {
                rt("ldI32", "(II[B)I");
                cb.i2l();
            }
            case I64_LOAD32_U -> {
                rt("ldI32", "(II[B)I");
                call(CD_INTEGER, "toUnsignedLong", "(I)J");
            }
            case I32_STORE, I64_STORE32 -> rt("stI32", "(III[B)V");
            case I64_STORE -> rt("stI64", "(IJI[B)V");
            case F32_STORE -> rt("stF32", "(IFI[B)V");
            case F64_STORE -> rt("stF64", "(IDI[B)V");
            case I32_STORE8, I64_STORE8 -> rt("st8", "(III[B)V");
            case I32_STORE16, I64_STORE16 -> rt("st16", "(III[B)V");
            default -> throw new IllegalStateException("memory op " + op);
        }
        applySignature(op);
    }

    /** Updates the type stack from the opcode's fixed signature. */
    private void applySignature(Opcode op) {
        String sig = op.signature();
        int colon = sig.indexOf(':');
        sp -= colon;
        for (int i = colon + 1; i < sig.length(); i++) {
            push(JvmTypes.fromLetter(sig.charAt(i)));
        }
    }

    // ------------------------------------------------------------------------------------------------ SIMD

    private void simd(Opcode op) {
        String sig = op.signature();
        if (sig == null) {
            throw new UnsupportedOperationException("no signature for " + op.textName());
        }
        int colon = sig.indexOf(':');
        boolean hasResult = colon < sig.length() - 1;
        ValType result = hasResult ? JvmTypes.fromLetter(sig.charAt(colon + 1)) : null;
        if (op.immediate() == Opcode.Immediate.MEMARG || op.immediate() == Opcode.Immediate.MEMARG_LANE) {
            boolean vOperand = colon == 2; // "iv:..." has a v128 above the address
            if (vOperand) {
                simdScratchStore(ValType.V128, 0);
            }
            cb.getstatic(CD_OPCODE, op.name(), CD_OPCODE);
            loadCtx();
            pushConstant(in.memOffset());
            if (hasResult) {
                pushConstant(vOperand ? 2 : 0);
                pushConstant(in.lane());
                rt("simdLoad", "(ILorg/ssvm/model/Opcode;Lorg/ssvm/compiler/Ctx;III)V");
                simdScratchLoad(ValType.V128);
            } else {
                pushConstant(in.lane());
                rt("simdStore", "(ILorg/ssvm/model/Opcode;Lorg/ssvm/compiler/Ctx;II)V");
            }
            applySignature(op);
            return;
        }
        ValType[] params = new ValType[colon];
        for (int i = 0; i < colon; i++) {
            params[i] = JvmTypes.fromLetter(sig.charAt(i));
        }
        int[] offsets = slotOffsets(params);
        int used = params.length == 0 ? 0 : offsets[params.length - 1] + (params[params.length - 1] == ValType.V128 ? 2 : 1);
        for (int i = params.length - 1; i >= 0; i--) {
            simdScratchStore(params[i], offsets[i]);
        }
        long lo = 0;
        long hi = 0;
        if (op.immediate() == Opcode.Immediate.V128 || op.immediate() == Opcode.Immediate.SHUFFLE) {
            lo = in.v128Low();
            hi = in.v128High();
        }
        cb.getstatic(CD_OPCODE, op.name(), CD_OPCODE);
        loadCtx();
        pushConstant(used);
        pushConstant(op.immediate() == Opcode.Immediate.LANE ? in.lane() : 0);
        cb.loadConstant(lo);
        cb.loadConstant(hi);
        rt("simd", "(Lorg/ssvm/model/Opcode;Lorg/ssvm/compiler/Ctx;IIJJ)V");
        if (hasResult) {
            simdScratchLoad(result);
        }
        applySignature(op);
    }

    private void simdScratchStore(ValType t, int offset) {
        loadCtx();
        cb.getfield(CD_CTX, "simd", CD_LONG_ARRAY);
        pushConstant(offset);
        cb.invokestatic(CD_RT, "s" + JvmTypes.letter(t),
                MethodTypeDesc.of(ConstantDescs.CD_void, JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
    }

    private void simdScratchLoad(ValType t) {
        loadCtx();
        cb.getfield(CD_CTX, "simd", CD_LONG_ARRAY);
        pushConstant(0);
        cb.invokestatic(CD_RT, "g" + JvmTypes.letter(t),
                MethodTypeDesc.of(JvmTypes.desc(t), CD_LONG_ARRAY, ConstantDescs.CD_int));
    }

    // ------------------------------------------------------------------------------------------------ numbers

    private void numeric(Opcode op) {
        new NumericEmitter(cb, this::condition).emit(op);
        if (!NumericEmitter.isComparison(op)) {
            applySignature(op);
        }
    }

    /**
     * A comparison whose JVM branch {@code jump} consumes the operands now on the stack ({@code operands} Wasm
     * values). Followed by {@code br_if} or {@code if}, it becomes that instruction's conditional jump;
     * otherwise it pushes 0 or 1.
     */
    private void condition(java.lang.classfile.Opcode jump, int operands) {
        sp -= operands;
        int save = in.position();
        Opcode next = in.next();
        if (next == Opcode.BR_IF) {
            Frame f = frame(in.index());
            if (!needsDrop(f)) {
                cb.branch(jump, f.label);
                f.targeted = true;
            } else {
                Label skip = cb.newLabel();
                cb.branch(NumericEmitter.negate(jump), skip);
                branch(f);
                cb.labelBinding(skip);
            }
        } else if (next == Opcode.IF) {
            ValType[][] bt = blockType();
            Frame f = new Frame(IF, bt[0], bt[1], sp - bt[0].length, cb.newLabel());
            f.elseLabel = cb.newLabel();
            cb.branch(NumericEmitter.negate(jump), f.elseLabel);
            frames.add(f);
        } else {
            in.setPosition(save);
            NumericEmitter.bool(cb, jump);
            push(ValType.I32);
        }
    }

}

package org.ssvm.compiler;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ssvm.interpreter.InterpreterEngine;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.FuncType;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;

/**
 * Compiles all defined functions of a module into JVM classes ({@link ModulePlan#FUNCTIONS_PER_CLASS} functions
 * per class) and loads them.
 *
 * <p>Functions whose code the compiler cannot turn into a JVM method (bigger than the 64 KiB method limit, or
 * using an instruction it does not handle) are compiled to stubs that call the interpreter instead: compiling
 * never fails because of one function.
 */
final class ModuleCompiler {
    /**
     * Bodies longer than this many bytes go straight to the interpreter: their JVM code would likely exceed the
     * 64 KiB method limit. (Splitting big functions into several methods is future work.)
     */
    static final int MAX_BODY_BYTES = 200_000;

    /**
     * When set (system property {@code ssvm.compiler.strict}), a function the compiler fails on is an error
     * instead of a silent fallback to the interpreter; tests set it so that compiler bugs cannot hide.
     */
    static final boolean STRICT = Boolean.getBoolean("ssvm.compiler.strict");

    /**
     * Functions whose JVM method would be longer than this many bytes run in the interpreter instead (0: only
     * those over the JVM's 64 KiB limit). System property {@code ssvm.compiler.interpretAbove}.
     */
    static final int INTERPRET_ABOVE = Integer.getInteger("ssvm.compiler.interpretAbove", 0);

    /**
     * Whether generated classes are checked with the class file API's verifier before loading (in strict mode, or
     * with system property {@code ssvm.compiler.verify=true}). It costs about twice the generation time, so by
     * default the JVM's own verification at load time is relied on, and a rejected module compiled again.
     */
    static final boolean VERIFY = STRICT || Boolean.getBoolean("ssvm.compiler.verify");

    private static final AtomicLong COUNTER = new AtomicLong();

    private final ModulePlan plan;
    private final ClassFile classFile;
    /**
     * Functions whose JVM method is longer than this get blocks moved to methods of their own (HotSpot compiles
     * no method over 8000 bytes). System property {@code ssvm.compiler.splitAbove}; 0 turns splitting off.
     */
    private final int splitAbove = Integer.getInteger("ssvm.compiler.splitAbove", 7600);
    /** Smallest block worth a region, in Wasm bytes (system property {@code ssvm.compiler.minRegion}). */
    private final int minRegion = Integer.getInteger("ssvm.compiler.minRegion", RegionPlanner.MIN_REGION_BYTES);
    /**
     * Share of {@link #splitAbove} a split function's pieces are planned to fill, estimated from the function's
     * JVM bytes per Wasm byte: first with some room to spare, then (for functions whose pieces still came out too
     * long) with more. Less room means more and deeper regions, each a call with its locals passed in arrays.
     */
    private static final double FIRST_SPLIT_ROOM = 0.85;
    private static final double[] RESPLIT_ROOM = {0.6, 0.4};
    /** JVM bytes per Wasm byte of each split function, as measured before splitting it. */
    private final Map<Integer, Double> splitRatio = new HashMap<>();

    private ModuleCompiler(Module module, MeteringConfig metering, int maxCallDepth, boolean exactGas) {
        this(module, "org.ssvm.compiler.gen.Wasm" + COUNTER.incrementAndGet(), metering, maxCallDepth, exactGas);
    }

    private ModuleCompiler(Module module, String classPrefix, MeteringConfig metering, int maxCallDepth,
                           boolean exactGas) {
        this.plan = new ModulePlan(module, classPrefix, metering, maxCallDepth, exactGas);
        this.classFile = classFile();
    }

    /** The class file API configured to resolve our runtime classes (for building and verifying). */
    static ClassFile classFile() {
        ClassLoader here = ModuleCompiler.class.getClassLoader();
        return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(here))));
    }

    /** Number of times module code was generated in this JVM (tests check that AOT code skips generation). */
    private static final AtomicLong GENERATIONS = new AtomicLong();

    static long generations() { return GENERATIONS.get(); }

    /** Compiles and loads a validated module, with the default metering configuration and call depth limit. */
    static ModuleCode compile(Module module) {
        return compile(module, MeteringConfig.DEFAULT, InterpreterEngine.DEFAULT_MAX_CALL_DEPTH);
    }

    /** Compiles and loads a validated module whose code meters as {@code metering} says. */
    static ModuleCode compile(Module module, MeteringConfig metering, int maxCallDepth) {
        return compile(module, metering, maxCallDepth, true);
    }

    /**
     * Compiles and loads a validated module whose code meters as {@code metering} says; without {@code
     * exactGas} the code compares gas with the limit only at function entries and loop heads (see
     * {@link MeteringEmitter}), for calls made while the meter has no gas limit.
     */
    static ModuleCode compile(Module module, MeteringConfig metering, int maxCallDepth, boolean exactGas) {
        return compileWithRetry(module, null, metering, maxCallDepth, exactGas).code;
    }

    /**
     * The compiled, loaded classes of a validated module with what an AOT section stores of them: the class
     * prefix, the functions left to the interpreter and the class files (after any fallback, as loaded).
     */
    record Compiled(ModuleCode code, String classPrefix, boolean[] fallback, Map<String, byte[]> classes) {
    }

    /**
     * Compiles and loads a module without metering, under class names starting with {@code classPrefix}, for an
     * AOT section.
     */
    static Compiled compileLoaded(Module module, String classPrefix, int maxCallDepth) {
        return compileLoaded(module, classPrefix, maxCallDepth, MeteringConfig.DEFAULT, true);
    }

    /** {@link #compileLoaded(Module, String, int)} of code metering as {@code metering} (for the code cache). */
    static Compiled compileLoaded(Module module, String classPrefix, int maxCallDepth, MeteringConfig metering,
                                  boolean exactGas) {
        ModuleCompiler done = compileWithRetry(module, classPrefix, metering, maxCallDepth, exactGas);
        return new Compiled(done.code, done.plan.classPrefix, done.plan.fallback.clone(), done.generated);
    }

    /** Compiles and loads a module under class names starting with {@code classPrefix} (null: a fresh one). */
    private static ModuleCompiler compileWithRetry(Module module, String classPrefix, MeteringConfig metering,
            int maxCallDepth, boolean exactGas) {
        ModuleCompiler first = classPrefix == null ? new ModuleCompiler(module, metering, maxCallDepth, exactGas)
                : new ModuleCompiler(module, classPrefix, metering, maxCallDepth, exactGas);
        try {
            first.code = first.run();
            return first;
        } catch (LinkageError e) {
            // the JVM rejected generated code (a compiler bug): find the functions at fault, leave them to the
            // interpreter and compile again under new class names
            if (STRICT) {
                throw e;
            }
            // each load has a class loader of its own, so a fixed prefix can be reused
            ModuleCompiler again = classPrefix == null ? new ModuleCompiler(module, metering, maxCallDepth, exactGas)
                    : new ModuleCompiler(module, classPrefix, metering, maxCallDepth, exactGas);
            for (Map.Entry<String, byte[]> c : first.generated.entrySet()) {
                if (c.getKey().equals(first.plan.dispatcherClass())) {
                    continue;
                }
                int chunk = Integer.parseInt(c.getKey().substring(c.getKey().lastIndexOf('$') + 1));
                int from = first.plan.importedFunctions + chunk * ModulePlan.FUNCTIONS_PER_CLASS;
                int to = Math.min(first.plan.funcTypes.length, from + ModulePlan.FUNCTIONS_PER_CLASS);
                first.failsVerification(c.getValue(), from, to);
            }
            System.arraycopy(first.plan.fallback, 0, again.plan.fallback, 0, first.plan.fallback.length);
            again.code = again.run();
            return again;
        }
    }

    /** Generates the class files of a validated module, by class name (for tests and tools). */
    static Map<String, byte[]> generate(Module module) {
        return generate(module, MeteringConfig.DEFAULT);
    }

    /** Generates the class files of a validated module compiled with {@code metering}, by class name. */
    static Map<String, byte[]> generate(Module module, MeteringConfig metering) {
        return new ModuleCompiler(module, metering, InterpreterEngine.DEFAULT_MAX_CALL_DEPTH, true).generateAll();
    }

    /**
     * Classes compiled code uses, initialized before any guest code runs: a class first initialized deep in a
     * recursion could hit the stack limit in its static initializer and stay unusable for good.
     */
    private static final Class<?>[] HELPERS = {Rt.class, Ctx.class, org.ssvm.runtime.NumericOps.class,
            org.ssvm.runtime.simd.SimdOps.class, org.ssvm.runtime.Memory.class, org.ssvm.runtime.Table.class,
            org.ssvm.runtime.Instantiator.class, org.ssvm.TrapException.class, org.ssvm.model.Opcode.class};

    /** The class files of the last {@link #generateAll()}, by name. */
    private Map<String, byte[]> generated = Map.of();
    /** The loaded code, once {@link #run()} succeeded. */
    private ModuleCode code;

    private ModuleCode run() {
        Map<String, byte[]> classes = generateAll();
        generated = classes;
        return load(plan, classes);
    }

    /**
     * Defines the classes of a module planned by {@code plan} (its fallback flags set) and looks up its methods.
     * Throws {@link LinkageError} if the JVM rejects a class.
     */
    static ModuleCode load(ModulePlan plan, Map<String, byte[]> classes) {
        for (Class<?> c : HELPERS) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        CodeLoader loader = new CodeLoader(ModuleCompiler.class.getClassLoader(), classes);
        Class<?>[] owners = new Class<?>[plan.funcTypes.length];
        CodeEntry[] entries = new CodeEntry[plan.classCount()];
        try {
            Class<?>[] loaded = new Class<?>[plan.classCount()];
            for (int f = plan.importedFunctions; f < owners.length; f++) {
                if (plan.noMethod(f)) {
                    continue; // CompiledFunction calls the interpreter directly
                }
                int c = plan.classOf(f);
                if (loaded[c] == null) {
                    Rt.takePublished(); // nothing left over from an earlier load that failed
                    loaded[c] = Class.forName(plan.className(c), true, loader); // links: the JVM verifies it now
                    entries[c] = Rt.takePublished();
                }
                owners[f] = loaded[c];
            }
            if (classes.containsKey(plan.dispatcherClass())) {
                Class.forName(plan.dispatcherClass(), true, loader); // now, not first deep in a recursion
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load compiled code", e);
        }
        CodeEntry[] entryOf = new CodeEntry[owners.length];
        for (int f = plan.importedFunctions; f < owners.length; f++) {
            if (owners[f] != null) {
                entryOf[f] = entries[plan.classOf(f)];
            }
        }
        return new ModuleCode(owners, entryOf, plan.funcTypes, plan.fallback.clone(), plan.maxResultSlots());
    }

    private Map<String, byte[]> generateAll() {
        GENERATIONS.incrementAndGet();
        int total = plan.funcTypes.length;
        for (int f = plan.importedFunctions; f < total; f++) {
            if (plan.module.bodies().get(f - plan.importedFunctions).code().length > MAX_BODY_BYTES
                    || localSlots(f) > MAX_LOCAL_SLOTS || plan.noMethod(f)) {
                plan.fallback[f] = true;
            }
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (int c = 0; c < plan.classCount(); c++) {
            int from = plan.importedFunctions + c * ModulePlan.FUNCTIONS_PER_CLASS;
            int to = Math.min(total, from + ModulePlan.FUNCTIONS_PER_CLASS);
            classes.put(plan.className(c), buildChunk(c, from, to));
        }
        if (!plan.dispatchers.isEmpty()) {
            classes.put(plan.dispatcherClass(), classFile.build(ClassDesc.of(plan.dispatcherClass()), clb -> {
                clb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
                for (Map.Entry<FuncType, Integer> d : plan.dispatchers.entrySet()) {
                    clb.withMethodBody(ModulePlan.dispatcherName(d.getValue()), ModulePlan.dispatcherType(d.getKey()),
                            ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                            cb -> new FunctionCompiler(plan, d.getKey(), cb).compileDispatcher());
                }
            }));
        }
        return classes;
    }

    /**
     * Plans regions for the functions whose JVM method is longer than {@link #splitAbove} bytes, so that their
     * pieces fit; true if any function got regions.
     */
    private boolean splitHugeMethods(byte[] classBytes) {
        boolean any = false;
        for (java.lang.classfile.MethodModel m : classFile.parse(classBytes).methods()) {
            String name = m.methodName().stringValue();
            int length = m.findAttribute(java.lang.classfile.Attributes.code()).map(a -> a.codeLength()).orElse(0);
            if (name.startsWith("f") && length > splitAbove) {
                int f = Integer.parseInt(name.substring(1));
                if (!plan.fallback[f] && plan.regions[f] == null) {
                    double ratio = (double) length / wasmLength(f);
                    splitRatio.put(f, ratio);
                    any |= split(f, ratio, FIRST_SPLIT_ROOM);
                }
            }
        }
        return any;
    }

    /**
     * Plans again, with {@code room} of the budget, the split functions one of whose methods (its own or a
     * region's) is still longer than {@link #splitAbove}; true if any was planned again.
     */
    private boolean resplitHugeMethods(byte[] classBytes, double room) {
        java.util.Set<Integer> again = new java.util.TreeSet<>();
        for (java.lang.classfile.MethodModel m : classFile.parse(classBytes).methods()) {
            String name = m.methodName().stringValue();
            int length = m.findAttribute(java.lang.classfile.Attributes.code()).map(a -> a.codeLength()).orElse(0);
            if (length > splitAbove && (name.startsWith("f") || name.startsWith("r"))) {
                int end = name.indexOf('_');
                int f = Integer.parseInt(name.substring(1, end < 0 ? name.length() : end));
                if (!plan.fallback[f] && plan.regions[f] != null) {
                    again.add(f);
                }
            }
        }
        for (int f : again) {
            plan.regions[f] = null;
            split(f, splitRatio.getOrDefault(f, 4.0), room);
        }
        return !again.isEmpty();
    }

    private int wasmLength(int f) { return plan.module.bodies().get(f - plan.importedFunctions).code().length; }

    /** Splits function f given its JVM bytes per Wasm byte; false if no block could be made a region. */
    private boolean split(int f, double ratio, double room) {
        int budget = Math.max(minRegion, (int) (splitAbove * room / Math.max(ratio, 0.5)));
        var regions = RegionPlanner.plan(plan.module.bodies().get(f - plan.importedFunctions), budget, minRegion);
        if (regions.isEmpty()) {
            return false;
        }
        plan.regions[f] = regions;
        return true;
    }

    /**
     * Marks the functions whose JVM method is longer than {@link #INTERPRET_ABOVE} bytes as left to the
     * interpreter; true if there were any.
     */
    private boolean markHugeMethods(byte[] classBytes) {
        boolean any = false;
        for (java.lang.classfile.MethodModel m : classFile.parse(classBytes).methods()) {
            String name = m.methodName().stringValue();
            int length = m.findAttribute(java.lang.classfile.Attributes.code()).map(a -> a.codeLength()).orElse(0);
            if (name.startsWith("f") && length > INTERPRET_ABOVE) {
                int f = Integer.parseInt(name.substring(1));
                if (!plan.fallback[f]) {
                    plan.fallback[f] = true;
                    any = true;
                }
            }
        }
        return any;
    }

    /** After f was too large for one method: split it (guessing 4 JVM bytes per Wasm byte); true if it builds. */
    private boolean retrySplit(int c, int f) {
        if (splitAbove <= 0 || plan.regions[f] != null || !split(f, 4.0, RESPLIT_ROOM[0])) {
            return false;
        }
        try {
            buildClass(plan.className(c) + "Probe", f, f + 1);
            return true;
        } catch (RuntimeException stillTooLarge) {
            plan.regions[f] = null;
            return false;
        }
    }

    /**
     * Runs the JVM's verification rules over a generated class before it is loaded, so that a compiler bug in one
     * function leaves that function to the interpreter instead of failing the module (an error in strict mode).
     * True if functions were marked.
     */
    private boolean failsVerification(byte[] classBytes, int from, int to) {
        var errors = classFile.verify(classBytes);
        if (errors.isEmpty()) {
            return false;
        }
        if (STRICT && VERIFY) {
            throw new IllegalStateException("generated code fails verification: " + errors);
        }
        boolean any = false;
        for (int f = from; f < to; f++) {
            if (!plan.fallback[f]) {
                byte[] alone = buildClass(plan.className(0) + "Probe", f, f + 1);
                if (!classFile.verify(alone).isEmpty()) {
                    plan.fallback[f] = true;
                    plan.regions[f] = null;
                    any = true;
                }
            }
        }
        return any;
    }

    /** The classes of functions [from, to): compiled where possible, split where big, verified. */
    private byte[] buildChunk(int c, int from, int to) {
        byte[] bytes;
        try {
            bytes = buildClass(plan.className(c), from, to);
        } catch (RuntimeException e) {
            if (STRICT && !tooLarge(e)) {
                throw e;
            }
            // find the functions that cannot be compiled, leave them to the interpreter, and build again
            for (int f = from; f < to; f++) {
                if (!plan.fallback[f]) {
                    try {
                        buildClass(plan.className(c) + "Probe", f, f + 1);
                    } catch (RuntimeException perFunction) {
                        if (STRICT && !tooLarge(perFunction)) {
                            throw perFunction;
                        }
                        if (!tooLarge(perFunction) || !retrySplit(c, f)) {
                            plan.fallback[f] = true;
                        }
                    }
                }
            }
            bytes = rebuild(c, from, to);
        }
        if (splitAbove > 0 && splitHugeMethods(bytes)) {
            bytes = rebuild(c, from, to);
            // JVM bytes per Wasm byte vary inside a function: pieces still too long are planned with less room
            for (double room : RESPLIT_ROOM) {
                if (!resplitHugeMethods(bytes, room)) {
                    break;
                }
                bytes = rebuild(c, from, to);
            }
        }
        if (INTERPRET_ABOVE > 0 && markHugeMethods(bytes)) {
            bytes = rebuild(c, from, to);
        }
        if (VERIFY && failsVerification(bytes, from, to)) {
            bytes = rebuild(c, from, to);
        }
        return bytes;
    }

    /**
     * Builds the chunk again after a change of plan. Should that fail (say the class's constant pool overflows),
     * splitting is undone, and then the whole chunk is left to the interpreter.
     */
    private byte[] rebuild(int c, int from, int to) {
        try {
            return buildClass(plan.className(c), from, to);
        } catch (RuntimeException e) {
            if (STRICT) {
                throw e;
            }
            for (int f = from; f < to; f++) {
                plan.regions[f] = null;
            }
            try {
                return buildClass(plan.className(c), from, to);
            } catch (RuntimeException again) {
                java.util.Arrays.fill(plan.fallback, from, to, true);
                return buildClass(plan.className(c), from, to);
            }
        }
    }

    /** JVM local slots the method of function f needs at least (a method may have 65535). */
    private int localSlots(int f) {
        int n = 8;
        for (ValType t : plan.funcTypes[f].params()) {
            n += JvmTypes.wide(t) ? 2 : 1;
        }
        for (ValType t : plan.module.bodies().get(f - plan.importedFunctions).locals()) {
            n += JvmTypes.wide(t) ? 2 : 1;
        }
        return n;
    }

    private static final int MAX_LOCAL_SLOTS = 60_000;

    /** Whether the class file API refused a method for exceeding the JVM's code size limit. */
    private static boolean tooLarge(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null
                && e.getMessage().startsWith("Code length");
    }

    private byte[] buildClass(String name, int from, int to) {
        ClassDesc self = ClassDesc.of(name);
        return classFile.build(self, clb -> {
            clb.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL, AccessFlag.SUPER);
            clb.withInterfaceSymbols(CD_CODE_ENTRY);
            for (int f = from; f < to; f++) {
                addFunction(clb, f);
            }
            addEntry(clb, self, from, to);
        });
    }

    private static final ClassDesc CD_CODE_ENTRY = ClassDesc.of("org.ssvm.compiler.CodeEntry");

    /**
     * The class's {@link CodeEntry}: a constructor, {@code call} switching over the bridges of its functions, and a
     * static initializer publishing an instance (see {@link Rt#publish}).
     */
    private void addEntry(ClassBuilder clb, ClassDesc self, int from, int to) {
        clb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, cb -> {
            cb.aload(0);
            cb.invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
            cb.return_();
        });
        clb.withMethodBody(ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC, cb -> {
            cb.new_(self);
            cb.dup();
            cb.invokespecial(self, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
            cb.invokestatic(JvmTypes.CD_RT, "publish", MethodTypeDesc.of(ConstantDescs.CD_void, CD_CODE_ENTRY));
            cb.return_();
        });
        MethodTypeDesc call = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
                ConstantDescs.CD_long.arrayType(), ConstantDescs.CD_Object.arrayType(), ConstantDescs.CD_int,
                JvmTypes.CD_CTX);
        clb.withMethodBody("call", call, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, cb -> {
            Label other = cb.newLabel();
            java.util.List<java.lang.classfile.instruction.SwitchCase> cases = new java.util.ArrayList<>();
            java.util.List<Integer> functions = new java.util.ArrayList<>();
            for (int f = from; f < to; f++) {
                if (!plan.noMethod(f)) {
                    cases.add(java.lang.classfile.instruction.SwitchCase.of(f, cb.newLabel()));
                    functions.add(f);
                }
            }
            cb.iload(1);
            cb.tableswitch(other, cases);
            for (int i = 0; i < cases.size(); i++) {
                cb.labelBinding(cases.get(i).target());
                cb.aload(2);
                cb.aload(3);
                cb.iload(4);
                cb.aload(5);
                cb.invokestatic(self, ModulePlan.bridgeName(functions.get(i)), JvmTypes.BRIDGE_TYPE);
                cb.return_();
            }
            cb.labelBinding(other);
            cb.iload(1);
            cb.invokestatic(JvmTypes.CD_RT, "noSuchFunction", MethodTypeDesc.ofDescriptor(
                    "(I)Ljava/lang/IllegalStateException;"));
            cb.athrow();
        });
    }

    private void addFunction(ClassBuilder clb, int f) {
        if (plan.noMethod(f)) {
            return;
        }
        FuncType ft = plan.funcTypes[f];
        int flags = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC;
        java.util.ArrayDeque<FunctionCompiler.PendingRegion> regions = new java.util.ArrayDeque<>();
        clb.withMethodBody(ModulePlan.methodName(f), JvmTypes.methodType(ft), flags, cb -> {
            FunctionCompiler fc = new FunctionCompiler(plan, f, cb);
            if (plan.fallback[f]) {
                fc.compileFallbackStub();
            } else {
                fc.compile();
                regions.addAll(fc.pending);
            }
        });
        while (!regions.isEmpty()) {
            FunctionCompiler.PendingRegion r = regions.poll();
            clb.withMethodBody(FunctionCompiler.regionName(f, r.region().id), FunctionCompiler.REGION_TYPE, flags,
                    cb -> {
                        FunctionCompiler rc = new FunctionCompiler(plan, f, cb, r.region(), r.exits());
                        rc.compileRegion();
                        regions.addAll(rc.pending);
                    });
        }
        clb.withMethodBody(ModulePlan.bridgeName(f), JvmTypes.BRIDGE_TYPE, flags, cb -> bridge(cb, f, ft));
    }

    /** {@code b<f>(long[] s, Object[] r, int base, Ctx ctx)}: unpack the arguments, call, pack the results. */
    private void bridge(CodeBuilder cb, int f, FuncType ft) {
        ValType[] params = ft.params();
        int[] po = FunctionCompiler.slotOffsets(params);
        for (int i = 0; i < params.length; i++) {
            ValType t = params[i];
            cb.aload(t.isReference() ? 1 : 0);
            cb.iload(2);
            if (po[i] != 0) {
                cb.loadConstant(po[i]);
                cb.iadd();
            }
            if (t.isReference()) {
                cb.invokestatic(JvmTypes.CD_RT, "gR", MethodTypeDesc.ofDescriptor("([Ljava/lang/Object;I)Ljava/lang/Object;"));
            } else {
                cb.invokestatic(JvmTypes.CD_RT, "g" + JvmTypes.letter(t), MethodTypeDesc.of(JvmTypes.desc(t),
                        ConstantDescs.CD_long.arrayType(), ConstantDescs.CD_int));
            }
        }
        cb.aload(3);
        cb.iconst_0(); // a call from outside compiled code starts at depth 0, like the interpreter's
        cb.invokestatic(plan.owner(f), ModulePlan.methodName(f), JvmTypes.methodType(ft));
        if (ft.resultCount() == 1) {
            ValType t = ft.result(0);
            if (t.isReference()) {
                cb.aload(1);
                cb.iload(2);
                cb.invokestatic(JvmTypes.CD_RT, "sR", MethodTypeDesc.ofDescriptor("(Ljava/lang/Object;[Ljava/lang/Object;I)V"));
            } else {
                cb.aload(0);
                cb.iload(2);
                cb.invokestatic(JvmTypes.CD_RT, "s" + JvmTypes.letter(t), MethodTypeDesc.of(ConstantDescs.CD_void,
                        JvmTypes.desc(t), ConstantDescs.CD_long.arrayType(), ConstantDescs.CD_int));
            }
        } else if (ft.resultCount() > 1) {
            cb.aload(3);
            cb.aload(0);
            cb.aload(1);
            cb.iload(2);
            cb.loadConstant(org.ssvm.runtime.FunctionInstance.slotCount(ft.results()));
            cb.invokestatic(JvmTypes.CD_RT, "copyResults",
                    MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;[J[Ljava/lang/Object;II)V"));
        }
        cb.return_();
    }
}

package org.ssvm.compiler;

import java.lang.constant.ClassDesc;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;

/** What the code generator needs to know about a whole module: types, where each function's method lives. */
final class ModulePlan {
    /** Functions per generated class, to stay well inside the class file's constant pool limit. */
    static final int FUNCTIONS_PER_CLASS = 400;

    final Module module;
    final FuncType[] funcTypes;
    final ValType[] globalTypes;
    final int importedFunctions;
    final boolean hasMemory;
    final String classPrefix;
    /** Defined functions compiled as stubs that call the interpreter (by function index). */
    final boolean[] fallback;

    /** Per defined function: the blocks compiled as methods of their own, or null when it is not split. */
    final java.util.Map<Integer, RegionPlanner.Region>[] regions;

    /** Function types that call_indirect dispatchers were requested for, numbered in order. */
    final java.util.Map<FuncType, Integer> dispatchers = new java.util.LinkedHashMap<>();

    /** The number of the call_indirect dispatcher for type {@code ft} (in class {@link #dispatcherClass()}). */
    int dispatcher(FuncType ft) {
        return dispatchers.computeIfAbsent(ft, k -> dispatchers.size());
    }

    String dispatcherClass() { return classPrefix + "$D"; }

    static String dispatcherName(int id) { return "i" + id; }

    /** The dispatcher's method type: the function's parameters, the callee, the context. */
    static java.lang.constant.MethodTypeDesc dispatcherType(FuncType ft) {
        return JvmTypes.methodType(ft).insertParameterTypes(ft.paramCount(), JvmTypes.CD_FUNCTION);
    }

    /** Whether code charges gas and polls for interruption (see {@link MeteringEmitter}). */
    final org.ssvm.metering.MeteringConfig metering;
    /** Nested calls beyond this trap with "call stack exhausted". */
    final int maxCallDepth;

    /**
     * With metering: whether every region compares gas with the limit, so that a gas limit traps exactly where
     * the interpreter does; else only checkpoints do, which suffices while the meter has no gas limit.
     */
    final boolean exactGas;

    ModulePlan(Module module, String classPrefix, org.ssvm.metering.MeteringConfig metering, int maxCallDepth) {
        this(module, classPrefix, metering, maxCallDepth, true);
    }

    ModulePlan(Module module, String classPrefix, org.ssvm.metering.MeteringConfig metering, int maxCallDepth,
               boolean exactGas) {
        this.module = module;
        this.metering = metering;
        this.exactGas = exactGas;
        this.maxCallDepth = maxCallDepth;
        this.funcTypes = module.functionTypes();
        var gt = module.globalTypes();
        this.globalTypes = new ValType[gt.length];
        for (int i = 0; i < gt.length; i++) {
            globalTypes[i] = gt[i].valueType();
        }
        this.importedFunctions = module.importCount(ExternKind.FUNC);
        this.hasMemory = module.memoryCount() > 0;
        this.classPrefix = classPrefix;
        this.fallback = new boolean[funcTypes.length];
        this.regions = newRegionTable(funcTypes.length);
        this.mayGrowMemory = hasMemory ? growthAnalysis() : new boolean[funcTypes.length];
    }

    /**
     * Per function: whether calling it may grow memory (and so replace the array compiled code caches). True
     * for imports, and for defined functions that grow memory, call indirectly or call such a function.
     */
    final boolean[] mayGrowMemory;

    private boolean[] growthAnalysis() {
        int n = funcTypes.length;
        boolean[] grows = new boolean[n];
        java.util.List<int[]> callees = new java.util.ArrayList<>();
        for (int f = 0; f < n; f++) {
            if (f < importedFunctions) {
                grows[f] = true;
                callees.add(new int[0]);
                continue;
            }
            org.ssvm.binary.CodeReader in = org.ssvm.binary.CodeReader.forBody(module.bodies().get(f - importedFunctions));
            java.util.List<Integer> calls = new java.util.ArrayList<>();
            while (in.hasMore()) {
                org.ssvm.model.Opcode op = in.next();
                if (op == org.ssvm.model.Opcode.MEMORY_GROW || op == org.ssvm.model.Opcode.CALL_INDIRECT) {
                    grows[f] = true;
                } else if (op == org.ssvm.model.Opcode.CALL) {
                    calls.add(in.index());
                }
            }
            callees.add(calls.stream().mapToInt(Integer::intValue).toArray());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int f = importedFunctions; f < n; f++) {
                if (!grows[f]) {
                    for (int g : callees.get(f)) {
                        if (grows[g]) {
                            grows[f] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        return grows;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Map<Integer, RegionPlanner.Region>[] newRegionTable(int n) {
        return new java.util.Map[n];
    }

    /**
     * Whether functions of this type can be JVM methods: a method takes at most 255 parameter slots, and ours take
     * the context and, for call_indirect dispatchers, the callee besides. Others run in the interpreter.
     */
    static boolean fitsJvmMethod(FuncType ft) {
        int slots = 3;
        for (int i = 0; i < ft.paramCount(); i++) {
            slots += JvmTypes.wide(ft.param(i)) ? 2 : 1;
        }
        return slots <= 255;
    }

    /** Whether defined function f has no JVM method at all (its type does not fit one). */
    boolean noMethod(int f) { return !fitsJvmMethod(funcTypes[f]); }

    int classCount() {
        int defined = funcTypes.length - importedFunctions;
        return Math.max(1, (defined + FUNCTIONS_PER_CLASS - 1) / FUNCTIONS_PER_CLASS);
    }

    /** The generated class holding defined function {@code funcIndex}. */
    int classOf(int funcIndex) { return (funcIndex - importedFunctions) / FUNCTIONS_PER_CLASS; }

    String className(int classIndex) { return classPrefix + "$" + classIndex; }

    ClassDesc owner(int funcIndex) { return ClassDesc.of(className(classOf(funcIndex))); }

    static String methodName(int funcIndex) { return "f" + funcIndex; }

    static String bridgeName(int funcIndex) { return "b" + funcIndex; }

    /** The most raw slots any function result list needs (for the context's multi-value buffer). */
    int maxResultSlots() {
        int n = 2; // region exits carry block results (a v128 takes 2)
        for (FuncType t : module.types()) {
            n = Math.max(n, org.ssvm.runtime.FunctionInstance.slotCount(t.results()));
        }
        return n;
    }
}

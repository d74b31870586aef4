package org.ssvm.compiler;

import java.util.Map;
import java.util.WeakHashMap;
import org.ssvm.interpreter.InterpreterEngine;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;
import org.ssvm.runtime.ExecutionEngine;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Instance;

/**
 * The compiler as an {@link ExecutionEngine}: every module is compiled to JVM bytecode once, on the first call
 * of one of its functions, and the generated classes are shared by all its instances.
 *
 * <p>Each Wasm function becomes a static method with typed parameters plus a {@link Ctx} and its call depth;
 * calls inside the module are direct {@code invokestatic}s. Functions the compiler cannot handle run in an
 * interpreter. Nested calls deeper than the call depth limit trap with "call stack exhausted" (each callee gets
 * its caller's depth plus one, in a register); a {@link StackOverflowError} before that becomes the same trap, so
 * run guest code on threads with large stacks (as {@link org.ssvm.WasmRuntime} does).
 *
 * <p>Gas metering and interruption polls follow {@link org.ssvm.metering.MeteringPlan} exactly as the
 * interpreter does (see {@code MeteringEmitter}); with metering off no charge code is generated.
 *
 * <p>Registered for {@link org.ssvm.EngineKind#COMPILER} through {@link CompilerEngineProvider}.
 */
public final class CompilerEngine implements ExecutionEngine {
    private final InterpreterEngine interpreter;
    private final int maxCallDepth;
    private final MeteringConfig metering;
    /** Compiled code kept between processes, or null. */
    private final CodeCache cache;
    private final Map<Module, ModuleCode> codes = new WeakHashMap<>();
    /** With metering: code comparing gas with the limit only at checkpoints, for calls without a gas limit. */
    private final Map<Module, ModuleCode> checkpointCodes = new WeakHashMap<>();
    private final Map<Module, AotLoader.Result> aotResults = new WeakHashMap<>();
    /** The state of the instance being instantiated (kept until the next one; it is small). */
    private InstanceState lastState;

    public CompilerEngine() {
        this(InterpreterEngine.DEFAULT_MAX_CALL_DEPTH);
    }

    /** @param maxCallDepth nested calls beyond this trap with "call stack exhausted" */
    public CompilerEngine(int maxCallDepth) {
        this(maxCallDepth, MeteringConfig.DEFAULT);
    }

    /**
     * @param maxCallDepth nested calls beyond this trap with "call stack exhausted"
     * @param metering     gas charging and interruption polls compiled into every function (and given to the
     *                     interpreter that runs the functions the compiler leaves to it)
     */
    public CompilerEngine(int maxCallDepth, MeteringConfig metering) {
        this(maxCallDepth, metering, null);
    }

    /**
     * @param maxCallDepth nested calls beyond this trap with "call stack exhausted"
     * @param metering     gas charging and interruption polls compiled into every function
     * @param codeCache    a directory keeping compiled code between processes (see {@link CodeCache}), or null
     */
    public CompilerEngine(int maxCallDepth, MeteringConfig metering, java.nio.file.Path codeCache) {
        this.maxCallDepth = maxCallDepth;
        this.metering = metering;
        this.cache = codeCache != null ? new CodeCache(codeCache) : null;
        if (cache != null) {
            AotKey.warmUpInBackground(); // the cache's first look-up needs it; meanwhile the module is decoded
        }
        this.interpreter = new InterpreterEngine(maxCallDepth, metering);
    }

    public int maxCallDepth() { return maxCallDepth; }

    public MeteringConfig metering() { return metering; }

    @Override
    public FunctionInstance function(Instance instance, int funcIndex, FuncType type, FunctionBody body) {
        InstanceState state;
        synchronized (this) {
            // instantiation asks for all functions of an instance in a row; they share one state
            if (lastState == null || lastState.instance() != instance) {
                lastState = new InstanceState(this, instance);
            }
            state = lastState;
        }
        return new CompiledFunction(state, funcIndex, type);
    }

    /** The compiled code of a module, compiling it on first use. */
    ModuleCode code(Module module) {
        synchronized (codes) {
            return codes.computeIfAbsent(module, this::loadOrCompile);
        }
    }

    /**
     * The code of a module for a call made now: with metering and no gas limit on the meter, code that compares
     * gas with the meter's soft limit only at function entries and loop heads (cheaper: nothing can trap at
     * other regions then, and gas used comes out the same); else the code of {@link #code(Module)}, where every
     * region compares, so that a gas limit traps exactly where the interpreter's does.
     */
    ModuleCode code(Module module, boolean exactGas) {
        if (exactGas || !metering.metered()) {
            return code(module);
        }
        synchronized (codes) {
            aotResults.putIfAbsent(module, AotLoader.skipped("metering is on"));
            return checkpointCodes.computeIfAbsent(module, m -> cache != null
                    ? cache.loadOrCompile(m, maxCallDepth, metering, false)
                    : ModuleCompiler.compile(m, metering, maxCallDepth, false));
        }
    }

    /**
     * The code stored in the module's ssvm.aot section when it is usable, else the code cache's, else freshly
     * compiled code. Sections hold code without metering only, so a metering engine does not look at them.
     */
    private ModuleCode loadOrCompile(Module module) {
        boolean plain = metering.isOff();
        AotLoader.Result aot = plain ? AotLoader.load(module, maxCallDepth) : AotLoader.skipped("metering is on");
        aotResults.put(module, aot);
        if (aot.code() != null) {
            return aot.code();
        }
        if (cache != null) {
            return cache.loadOrCompile(module, maxCallDepth, metering, true);
        }
        return ModuleCompiler.compile(module, metering, maxCallDepth);
    }

    /**
     * Loads the module's code from the code cache when it has an entry for it, without compiling otherwise. Only
     * for engines without metering (the entry the first call would use) and modules without an ssvm.aot section
     * (which would come first).
     */
    @Override
    public boolean loadKnownCode(Module module) {
        if (cache == null || !metering.isOff() || AotCompiler.hasSection(module)) {
            return false;
        }
        synchronized (codes) {
            if (codes.containsKey(module)) {
                return false; // code made from it before: whether it was checked is not known here
            }
            ModuleCode code = cache.load(module, maxCallDepth, metering, true);
            if (code == null) {
                return false;
            }
            codes.put(module, code);
            aotResults.put(module, new AotLoader.Result(null, AotLoader.Status.NONE, null));
            return true;
        }
    }

    /** What became of the module's ssvm.aot section (null before its code was needed). */
    AotLoader.Result aotResult(Module module) {
        synchronized (codes) {
            return aotResults.get(module);
        }
    }

    InterpreterEngine interpreter() { return interpreter; }
}

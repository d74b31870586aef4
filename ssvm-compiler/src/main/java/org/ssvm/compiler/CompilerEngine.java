package org.ssvm.compiler;

import java.util.Map;
import java.util.WeakHashMap;
import org.ssvm.interpreter.InterpreterEngine;
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
 * <p>Each Wasm function becomes a static method with typed parameters plus a {@link Ctx}; calls inside the
 * module are direct {@code invokestatic}s. Functions the compiler cannot handle run in an interpreter. Deep
 * recursion ends in a {@link StackOverflowError} that the entry point turns into the trap "call stack
 * exhausted"; run guest code on threads with large stacks (as {@link org.ssvm.WasmRuntime} does).
 *
 * <p>Registered for {@link org.ssvm.EngineKind#COMPILER} through {@link CompilerEngineProvider}.
 */
public final class CompilerEngine implements ExecutionEngine {
    private final InterpreterEngine interpreter;
    private final Map<Module, ModuleCode> codes = new WeakHashMap<>();
    /** The state of the instance being instantiated (kept until the next one; it is small). */
    private InstanceState lastState;

    public CompilerEngine() {
        this(InterpreterEngine.DEFAULT_MAX_CALL_DEPTH);
    }

    /** @param maxCallDepth call depth limit of the interpreter that runs functions the compiler left to it */
    public CompilerEngine(int maxCallDepth) {
        this.interpreter = new InterpreterEngine(maxCallDepth);
    }

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
            return codes.computeIfAbsent(module, ModuleCompiler::compile);
        }
    }

    InterpreterEngine interpreter() { return interpreter; }
}

package org.ssvm.interpreter;

import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.runtime.ExecutionEngine;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Instance;

/**
 * The interpreter as an {@link ExecutionEngine}. Each thread reuses one value stack; a re-entrant call (host
 * code calling back into WebAssembly) gets a fresh one.
 */
public final class InterpreterEngine implements ExecutionEngine {
    /** Default limit on nested WebAssembly calls. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 100_000;

    private final int maxCallDepth;
    private final MeteringConfig metering;
    private final ThreadLocal<Context> contexts;

    public InterpreterEngine() {
        this(DEFAULT_MAX_CALL_DEPTH);
    }

    /** @param maxCallDepth nested calls beyond this trap with "call stack exhausted" */
    public InterpreterEngine(int maxCallDepth) {
        this(maxCallDepth, MeteringConfig.DEFAULT);
    }

    /**
     * @param maxCallDepth nested calls beyond this trap with "call stack exhausted"
     * @param metering     gas charging and interruption polls compiled into every function
     */
    public InterpreterEngine(int maxCallDepth, MeteringConfig metering) {
        this.maxCallDepth = maxCallDepth;
        this.metering = metering;
        this.contexts = ThreadLocal.withInitial(() -> new Context(maxCallDepth));
    }

    public int maxCallDepth() { return maxCallDepth; }

    public MeteringConfig metering() { return metering; }

    @Override
    public FunctionInstance function(Instance instance, int funcIndex, FuncType type, FunctionBody body) {
        return new InterpretedFunction(this, instance, funcIndex, type, body);
    }

    Context acquire() {
        Context ctx = contexts.get();
        if (ctx.busy) {
            return new Context(maxCallDepth);
        }
        ctx.busy = true;
        return ctx;
    }

    void release(Context ctx) {
        ctx.busy = false;
        ctx.shrink();
    }
}

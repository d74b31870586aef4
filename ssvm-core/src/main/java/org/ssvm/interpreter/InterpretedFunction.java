package org.ssvm.interpreter;

import org.ssvm.TrapException;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Instance;

/** A function defined by a module and run by the interpreter. Its body is pre-decoded on the first call. */
final class InterpretedFunction extends FunctionInstance {
    final Instance instance;
    final int index;
    private final FunctionBody body;
    private final InterpreterEngine engine;
    private Compiled compiled;

    InterpretedFunction(InterpreterEngine engine, Instance instance, int index, FuncType type, FunctionBody body) {
        super(type);
        this.engine = engine;
        this.instance = instance;
        this.index = index;
        this.body = body;
    }

    Compiled compiled() {
        Compiled c = compiled;
        return c != null ? c : compileNow(); // small, so that inlining it into the dispatch loop costs little
    }

    private Compiled compileNow() {
        Compiled c = Compiler.compile(instance.module(), type(), body, Interpreter.memoryOf(instance),
                engine.metering(), instance.meter());
        compiled = c; // racing threads compile the same thing; either result is fine
        return c;
    }

    @Override
    public void invoke(long[] slots, Object[] refs, int base) {
        Compiled c = compiled();
        Context ctx = engine.acquire();
        try {
            int results = c.resultSlots() < 0 ? ~c.resultSlots() : c.resultSlots();
            ctx.ensure(Math.max(c.paramSlots(), results) + 1);
            System.arraycopy(slots, base, ctx.s, 0, c.paramSlots());
            if (refs != null) {
                System.arraycopy(refs, base, ctx.r, 0, c.paramSlots());
            }
            Interpreter.run(ctx, this, 0, 0);
            System.arraycopy(ctx.s, 0, slots, base, results);
            if (refs != null) {
                System.arraycopy(ctx.r, 0, refs, base, results);
            }
        } catch (StackOverflowError e) {
            // overflow before run's own handler was entered: no frame of this function to report
            throw TrapException.callStackExhausted(e);
        } finally {
            engine.release(ctx);
        }
    }

    /**
     * Appends this function's frame to a trap leaving it, at the instruction covering code position {@code pos},
     * and answers the trap for rethrowing.
     */
    TrapException unwinding(TrapException trap, int pos) {
        trap.addWasmFrame(instance.module(), index, body, compiled().offsets().offsetAt(pos));
        return trap;
    }

    @Override
    public String toString() {
        return "wasm function " + index;
    }
}

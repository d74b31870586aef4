package org.ssvm.compiler;

import org.ssvm.TrapException;
import org.ssvm.model.FuncType;
import org.ssvm.runtime.FunctionInstance;

/**
 * A compiled function seen from outside its module (exports, tables, other engines): the raw calling convention
 * adapted to the generated static method by a generated bridge.
 */
final class CompiledFunction extends FunctionInstance {
    final InstanceState state;
    final int index;

    CompiledFunction(InstanceState state, int index, FuncType type) {
        super(type);
        this.state = state;
        this.index = index;
    }

    @Override
    public void invoke(long[] slots, Object[] refs, int base) {
        boolean exactGas = state.exactGasNow();
        Ctx ctx = state.ctx(exactGas);
        CodeEntry entry = ctx.code.entry(index);
        if (entry == null) { // too many parameters for a JVM method: the interpreter runs it
            ctx.fallbacks[index].invoke(slots, refs, base);
            return;
        }
        try {
            entry.call(index, slots, refs, base, ctx);
        } catch (StackOverflowError e) {
            TrapException trap = TrapException.callStackExhausted(e);
            CompiledBacktrace.addFrames(trap, e.getStackTrace(), state.instance().module(), ctx.code);
            throw trap;
        } catch (TrapException e) {
            CompiledBacktrace.addFrames(e, e.getStackTrace(), state.instance().module(), ctx.code);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "compiled wasm function " + index;
    }
}

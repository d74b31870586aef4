package org.ssvm.compiler;

import java.lang.invoke.MethodHandle;
import org.ssvm.TrapException;
import org.ssvm.WasmException;
import org.ssvm.model.FuncType;
import org.ssvm.runtime.FunctionInstance;

/**
 * A compiled function seen from outside its module (exports, tables, other engines): the raw calling convention
 * adapted to the generated static method by a generated bridge.
 */
final class CompiledFunction extends FunctionInstance {
    final InstanceState state;
    final int index;
    /** The bridges into the two kinds of code (see {@link InstanceState}), looked up on first use. */
    private MethodHandle bridge;
    private MethodHandle checkpointBridge;

    CompiledFunction(InstanceState state, int index, FuncType type) {
        super(type);
        this.state = state;
        this.index = index;
    }

    @Override
    public void invoke(long[] slots, Object[] refs, int base) {
        boolean exactGas = state.exactGasNow();
        Ctx ctx = state.ctx(exactGas);
        MethodHandle b = exactGas ? bridge : checkpointBridge;
        if (b == null) {
            b = ctx.code.bridge(index);
            if (b == null) { // too many parameters for a JVM method: the interpreter runs it
                ctx.fallbacks[index].invoke(slots, refs, base);
                return;
            }
            if (exactGas) {
                bridge = b;
            } else {
                checkpointBridge = b;
            }
        }
        try {
            b.invokeExact(slots, refs, base, ctx);
        } catch (StackOverflowError e) {
            TrapException trap = TrapException.callStackExhausted(e);
            CompiledBacktrace.addFrames(trap, e.getStackTrace(), state.instance().module(), ctx.code);
            throw trap;
        } catch (TrapException e) {
            CompiledBacktrace.addFrames(e, e.getStackTrace(), state.instance().module(), ctx.code);
            throw e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new WasmException(t.toString(), t);
        }
    }

    @Override
    public String toString() {
        return "compiled wasm function " + index;
    }
}

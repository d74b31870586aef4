package org.ssvm.runtime;

import org.ssvm.TrapException;
import org.ssvm.WasmException;
import org.ssvm.model.FuncType;

/** A function implemented in Java and imported by modules. */
public final class HostFunction extends FunctionInstance {
    /**
     * The Java code of a host function, in the raw convention of {@link FunctionInstance#invoke}. The caller is
     * the instance whose code made the call (null when called from the host), so that host functions such as
     * WASI's can reach its memory.
     */
    @FunctionalInterface
    public interface Body {
        void call(Instance caller, long[] slots, Object[] refs, int base);
    }

    private final Body body;
    private final String debugName;

    public HostFunction(FuncType type, String debugName, Body body) {
        super(type);
        this.body = body;
        this.debugName = debugName;
    }

    public String debugName() { return debugName; }

    @Override
    public void invoke(long[] slots, Object[] refs, int base) {
        body.call(null, slots, refs, base);
    }

    /**
     * Calls the host code on behalf of {@code caller}. Engines use this for every call from WebAssembly code.
     *
     * <p>A Java exception escaping the host code becomes a {@link TrapException} naming this function (see
     * {@link TrapException#fromHost}), so that the guest sees a trap and the user a backtrace. Left as they are:
     * {@link org.ssvm.WasmException}s (traps of nested WebAssembly calls keep their frames), {@link ExitRequest}s
     * such as WASI's {@code proc_exit}, and {@link Error}s.
     */
    public void invokeFrom(Instance caller, long[] slots, Object[] refs, int base) {
        try {
            body.call(caller, slots, refs, base);
        } catch (WasmException e) {
            throw e;
        } catch (Exception e) { // checked ones too: host code may throw them sneakily
            if (e instanceof ExitRequest) {
                throw e;
            }
            throw TrapException.fromHost(debugName, e);
        }
    }

    @Override
    public String toString() { return "host function " + debugName; }
}

package org.ssvm.runtime;

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

    /** Calls the host code on behalf of {@code caller}. Engines use this when they know the calling instance. */
    public void invokeFrom(Instance caller, long[] slots, Object[] refs, int base) {
        body.call(caller, slots, refs, base);
    }

    @Override
    public String toString() { return "host function " + debugName; }
}

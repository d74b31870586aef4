package org.ssvm.runtime;

import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;

/**
 * An engine turns the functions a module defines into callable {@link FunctionInstance}s. The interpreter is
 * one; a compiler can be another. Instantiation is engine independent and asks the engine only for this.
 */
public interface ExecutionEngine {
    /**
     * Creates the function instance for defined function {@code funcIndex} (an index in the function index
     * space) of {@code instance}. The instance's other entities may not all exist yet when this is called;
     * engines must read them lazily (for example on the first call).
     */
    FunctionInstance function(Instance instance, int funcIndex, FuncType type, FunctionBody body);

    /**
     * Loads, for this module's instances, code the engine already holds for exactly this module (a compiler's code
     * cache entry, say) and answers whether there was some. Such code was made from the module after it was
     * validated, so a host may skip validating it again (see {@link org.ssvm.WasmRuntime#prepare}). The default
     * holds none.
     */
    default boolean loadKnownCode(org.ssvm.model.Module module) {
        return false;
    }
}

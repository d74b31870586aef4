package org.ssvm.runtime;

import java.util.ServiceLoader;
import org.ssvm.WasmException;

/**
 * Supplies an {@link ExecutionEngine} that lives in another module (such as ssvm-compiler, which ssvm-core cannot
 * depend on). Providers are found with {@link ServiceLoader}: a module registers its provider in
 * {@code META-INF/services/org.ssvm.runtime.EngineProvider}.
 */
public interface EngineProvider {
    /** The engine's name, e.g. {@code "compiler"}. */
    String name();

    /** Creates an engine; nested WebAssembly calls deeper than {@code maxCallDepth} should trap. */
    ExecutionEngine create(int maxCallDepth);

    /**
     * Creates the engine of the provider called {@code name} found on the class path.
     *
     * @throws WasmException when no such provider is on the class path
     */
    static ExecutionEngine load(String name, int maxCallDepth) {
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, EngineProvider.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return p.create(maxCallDepth);
            }
        }
        throw new WasmException("the " + name + " engine is not on the class path (add the ssvm-" + name
                + " module)");
    }
}

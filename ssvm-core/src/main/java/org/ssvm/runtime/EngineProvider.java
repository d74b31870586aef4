package org.ssvm.runtime;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.ssvm.WasmException;
import org.ssvm.metering.MeteringConfig;

/**
 * Supplies an {@link ExecutionEngine} that lives in another module (such as ssvm-compiler, which ssvm-core cannot
 * depend on). Providers are found with {@link ServiceLoader}: a module registers its provider in
 * {@code META-INF/services/org.ssvm.runtime.EngineProvider}. A host that links an engine's module directly can
 * {@link #register} its provider instead, which spares a cold JVM the service look-up (class path resources,
 * reflection: some 8 ms).
 */
public interface EngineProvider {
    /** The engine's name, e.g. {@code "compiler"}. */
    String name();

    /** Creates an engine; nested WebAssembly calls deeper than {@code maxCallDepth} should trap. */
    ExecutionEngine create(int maxCallDepth);

    /**
     * Creates an engine whose code also charges gas and polls for interruption as {@code metering} says (see
     * {@link org.ssvm.metering.MeteringPlan} for the contract). A provider that cannot honour it must say so
     * rather than ignore it: this default throws.
     *
     * @throws WasmException when the engine does not implement metering
     */
    default ExecutionEngine create(int maxCallDepth, MeteringConfig metering) {
        throw new WasmException("the " + name() + " engine does not support gas metering or interruption");
    }

    /**
     * Like {@link #create(int, MeteringConfig)}, with a directory where the engine may keep compiled code between
     * processes ({@code null}: none). Engines that compile nothing ignore it, as this default does.
     */
    default ExecutionEngine create(int maxCallDepth, MeteringConfig metering, Path codeCache) {
        return create(maxCallDepth, metering);
    }

    /**
     * Creates the engine of the provider called {@code name} found on the class path.
     *
     * @throws WasmException when no such provider is on the class path
     */
    static ExecutionEngine load(String name, int maxCallDepth) {
        return find(name).create(maxCallDepth);
    }

    /**
     * Creates the engine of the provider called {@code name} with metering configuration {@code metering}.
     *
     * @throws WasmException when no such provider is on the class path, or it does not support metering
     */
    static ExecutionEngine load(String name, int maxCallDepth, MeteringConfig metering) {
        return find(name).create(maxCallDepth, metering);
    }

    /** {@link #load(String, int, MeteringConfig)} with a code cache directory (or null). */
    static ExecutionEngine load(String name, int maxCallDepth, MeteringConfig metering, Path codeCache) {
        return find(name).create(maxCallDepth, metering, codeCache);
    }

    /** Makes {@code provider} the one used for its {@link #name()} in this JVM, without service look-up. */
    static void register(EngineProvider provider) {
        RegisteredEngines.BY_NAME.put(provider.name(), provider);
    }

    private static EngineProvider find(String name) {
        EngineProvider registered = RegisteredEngines.BY_NAME.get(name);
        if (registered != null) {
            return registered;
        }
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, EngineProvider.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new WasmException("the " + name + " engine is not on the class path (add the ssvm-" + name
                + " module)");
    }
}

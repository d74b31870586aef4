package org.ssvm.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engine providers hosts registered ({@link EngineProvider#register}), by name. */
final class RegisteredEngines {
    static final Map<String, EngineProvider> BY_NAME = new ConcurrentHashMap<>();

    private RegisteredEngines() {}
}

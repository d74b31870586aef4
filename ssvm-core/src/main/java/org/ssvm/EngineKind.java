package org.ssvm;

/** How a {@link WasmRuntime} executes WebAssembly code. */
public enum EngineKind {
    /** Pre-decodes each function to a compact form and interprets it. Starts fast, runs moderately fast. */
    INTERPRETER,
    /**
     * Compiles each module to JVM bytecode (module ssvm-compiler, found through
     * {@link org.ssvm.runtime.EngineProvider}). Slower to start, much faster once the JVM has warmed up.
     */
    COMPILER
}

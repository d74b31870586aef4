package org.ssvm;

/** How a {@link WasmRuntime} executes WebAssembly code. */
public enum EngineKind {
    /** Pre-decodes each function to a compact form and interprets it. Starts fast, runs moderately fast. */
    INTERPRETER
}

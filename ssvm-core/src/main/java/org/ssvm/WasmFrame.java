package org.ssvm;

/**
 * One WebAssembly frame of a {@link TrapException}'s backtrace.
 *
 * @param moduleName   the module's name from its name section (or one the embedder gave it), or null
 * @param funcIndex    the function's index in its module's function index space
 * @param funcName     the function's name from the module's name section, or null
 * @param offset       where the frame was: the trapping instruction in the innermost frame, the call instruction
 *                     in the others. A byte offset in the module binary when {@code inModule}, else (modules
 *                     parsed from text have no binary) the byte offset within the function body's
 *                     instructions, counted from the first instruction after the local declarations
 * @param inModule     whether {@code offset} is an offset in the module binary
 */
public record WasmFrame(String moduleName, int funcIndex, String funcName, int offset, boolean inModule) {
    /** Placeholder for a module without a name. */
    public static final String UNNAMED_MODULE = "<unnamed>";

    /** {@code module!function}, with placeholders for missing names: {@code <unnamed>!func[7]}. */
    public String location() {
        return (moduleName != null ? moduleName : UNNAMED_MODULE) + "!"
                + (funcName != null ? funcName : "func[" + funcIndex + "]");
    }

    /** The offset as printed: {@code 0x1a3} in the module, {@code body+0x1a} within the function body. */
    public String offsetText() {
        return (inModule ? "0x" : "body+0x") + Integer.toHexString(offset);
    }

    @Override
    public String toString() {
        return offsetText() + " - " + location();
    }
}

package org.ssvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;

/**
 * A WebAssembly trap: execution was aborted by the program itself (unreachable, out-of-bounds access,
 * division by zero, exhausted call stack, ...). The message is the spec's trap message. A trap never leaves
 * the store unusable.
 *
 * <h2>Wasm backtrace</h2>
 * While a trap unwinds through WebAssembly frames, the engine appends one {@link WasmFrame} per frame, innermost
 * first; {@link #wasmBacktrace()} answers them and {@link #formatBacktrace()} prints them the way wasmtime does.
 * {@link #getMessage()} stays the bare trap message. A deep trace (runaway recursion) is bounded: the innermost
 * {@value #INNER_FRAMES} and the outermost {@value #OUTER_FRAMES} frames are kept and the ones between are only
 * counted ({@link #omittedFrames()}).
 *
 * <h2>What an engine must do</h2>
 * The contract every {@link org.ssvm.runtime.ExecutionEngine} follows so that backtraces look the same whichever
 * engine ran the code:
 * <ol>
 *   <li>For each WebAssembly function activation that a {@code TrapException} propagates out of, call
 *       {@link #addWasmFrame(Module, int, FunctionBody, int)} exactly once, as the exception leaves that
 *       activation (so frames arrive innermost first). The offset is the byte offset, within
 *       {@link FunctionBody#code()}, of the instruction that trapped (innermost frame) or of the {@code call} /
 *       {@code call_indirect} that was executing (callers). A trap raised before a function's first instruction
 *       (call depth check, stack growth) belongs to the caller's frame, at its call instruction.</li>
 *   <li>A {@link StackOverflowError} that escapes guest code becomes {@link #callStackExhausted(Throwable)} in
 *       the innermost frame that catches it, and then gets frames like any trap.</li>
 *   <li>Host functions are called through {@link org.ssvm.runtime.HostFunction#invokeFrom}, which turns a
 *       Java exception escaping the host code into a trap (see there) and lets
 *       {@link org.ssvm.runtime.ExitRequest}s through untouched; engines must not add frames to those.</li>
 *   <li>Recording must cost nothing while nothing traps: catch and rethrow around the call path (a compiled
 *       method can use one exception handler covering its body, with the offset kept in a local or derived from
 *       a table consulted only in the handler).</li>
 * </ol>
 * The interpreter does this in {@code org.ssvm.interpreter.Interpreter.run}, mapping its pre-decoded code
 * position back to the original offset with a table built while pre-decoding.
 */
public class TrapException extends WasmException {
    /** Innermost frames always kept. */
    public static final int INNER_FRAMES = 50;
    /** Outermost frames kept when the trace is longer than both limits together. */
    public static final int OUTER_FRAMES = 10;

    private static final String STACK_EXHAUSTED = "call stack exhausted";

    private List<WasmFrame> inner;
    /** Ring of the most recent frames beyond {@link #INNER_FRAMES}; slot {@code beyond % OUTER_FRAMES} is next. */
    private WasmFrame[] outer;
    private int beyond;

    public TrapException(String message) {
        super(message);
    }

    public TrapException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The trap for guest code that ran out of Java stack (a {@link StackOverflowError}, given as cause). */
    public static TrapException callStackExhausted(Throwable cause) {
        return new TrapException(STACK_EXHAUSTED, cause);
    }

    /**
     * The trap for a Java exception that escaped host function {@code hostFunction}: the message names the
     * function and carries the exception's class and message; the exception is the cause.
     */
    public static TrapException fromHost(String hostFunction, Throwable cause) {
        String detail = cause.getMessage() != null
                ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                : cause.getClass().getSimpleName();
        return new TrapException("host function " + hostFunction + " failed: " + detail, cause);
    }

    /** Appends the next outer frame. */
    public void addWasmFrame(WasmFrame frame) {
        if (inner == null) {
            inner = new ArrayList<>();
        }
        if (inner.size() < INNER_FRAMES) {
            inner.add(frame);
            return;
        }
        if (outer == null) {
            outer = new WasmFrame[OUTER_FRAMES];
        }
        outer[beyond % OUTER_FRAMES] = frame;
        beyond++;
    }

    /**
     * Appends the frame of function {@code funcIndex} of {@code module}, whose body is {@code body}, at
     * {@code bodyOffset} bytes into {@code body.code()}; names come from the module's name section and the offset
     * is made relative to the module binary when the body knows where it was decoded from.
     */
    public void addWasmFrame(Module module, int funcIndex, FunctionBody body, int bodyOffset) {
        String moduleName = module.names().moduleName();
        String funcName = module.names().functionName(funcIndex);
        boolean inModule = body.codeOffset() >= 0;
        int offset = inModule ? body.codeOffset() + bodyOffset : bodyOffset;
        addWasmFrame(new WasmFrame(moduleName, funcIndex, funcName, offset, inModule));
    }

    /**
     * The recorded frames, innermost first. When frames were omitted ({@link #omittedFrames()} above 0) they lie
     * between the first {@value #INNER_FRAMES} entries and the rest. Empty when the trap happened outside
     * WebAssembly code (for example while instantiating).
     */
    public List<WasmFrame> wasmBacktrace() {
        if (inner == null) {
            return List.of();
        }
        List<WasmFrame> all = new ArrayList<>(inner);
        int kept = Math.min(beyond, OUTER_FRAMES);
        for (int i = beyond - kept; i < beyond; i++) {
            all.add(outer[i % OUTER_FRAMES]);
        }
        return Collections.unmodifiableList(all);
    }

    /** Frames the trap unwound through that the bounded backtrace does not keep. */
    public int omittedFrames() {
        return Math.max(0, beyond - OUTER_FRAMES);
    }

    /** Frames the trap unwound through, kept or omitted. */
    public int wasmFrameCount() {
        return (inner == null ? 0 : inner.size()) + beyond;
    }

    /**
     * The backtrace as text, one frame a line, innermost first, or the empty string when there is no frame:
     * <pre>
     * wasm backtrace:
     *     0: 0x1a3 - module.wasm!div
     *     1: 0x2f0 - module.wasm!main
     *     2: 0x401 - &lt;unnamed&gt;!func[7]
     * </pre>
     * Frame numbers count every frame and are right-aligned; when frames were omitted, a line
     * {@code ... N frames omitted ...} stands in for them. Lines are separated by {@code \n}, without a final
     * line break.
     */
    public String formatBacktrace() {
        List<WasmFrame> frames = wasmBacktrace();
        if (frames.isEmpty()) {
            return "";
        }
        int omitted = omittedFrames();
        int width = Integer.toString(wasmFrameCount() - 1).length();
        StringBuilder sb = new StringBuilder("wasm backtrace:");
        for (int i = 0; i < frames.size(); i++) {
            int number = i;
            if (i >= INNER_FRAMES && omitted > 0) {
                if (i == INNER_FRAMES) {
                    sb.append("\n    ").append(" ".repeat(width)).append("... ").append(omitted)
                            .append(omitted == 1 ? " frame" : " frames").append(" omitted ...");
                }
                number = i + omitted;
            }
            String n = Integer.toString(number);
            sb.append("\n    ").append(" ".repeat(width - n.length())).append(n).append(": ").append(frames.get(i));
        }
        return sb.toString();
    }
}

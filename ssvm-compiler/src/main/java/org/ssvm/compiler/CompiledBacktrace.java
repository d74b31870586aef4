package org.ssvm.compiler;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.ssvm.TrapException;
import org.ssvm.model.Module;

/**
 * Adds the Wasm frames of compiled code to a trap, from the Java stack trace the trap captured when it was thrown.
 *
 * <p>Generated methods carry a line number table whose line is the body offset of the Wasm instruction plus one
 * (see {@link FunctionCompiler}), so nothing is recorded while nothing traps. When a trap leaves compiled code
 * through {@link CompiledFunction#invoke} (the entry from the host or another engine), the Java frames between the
 * throw and that entry are turned into Wasm frames, innermost first: a function's method {@code f<index>} and its
 * region methods {@code r<index>_<id>} form one activation, whose offset is the innermost line. Frames before a
 * method's first instruction (depth check, stack bang) have no line and belong to the caller, as the interpreter
 * counts them. Stubs of functions left to the interpreter have no line either: the interpreter adds those itself.
 *
 * <p>A trap can cross several entries (compiled code calling the interpreter calling compiled code): each entry
 * consumes the trace up to its own frame, remembered per trap, so every activation is added once. The JVM keeps only
 * the innermost part of a very deep trace (1024 frames by default): the call depth limit's trap therefore records
 * the whole stack itself ({@code Rt.enter}), but a {@link StackOverflowError}'s trace is cut, and the backtrace of
 * a Java stack overflow in compiled code lacks its outermost frames.
 */
final class CompiledBacktrace {
    private static final String GENERATED = "org.ssvm.compiler.gen.";
    private static final String ENTRY_CLASS = CompiledFunction.class.getName();

    /** Per trap, the index in its Java trace where the next entry starts looking. */
    private static final Map<Throwable, Integer> CONSUMED = Collections.synchronizedMap(new WeakHashMap<>());

    private CompiledBacktrace() {}

    /** Adds the frames of {@code module}'s compiled code that {@code trap} unwound through, from {@code trace}. */
    static void addFrames(TrapException trap, StackTraceElement[] trace, Module module, ModuleCode code) {
        int start = CONSUMED.getOrDefault(trap, 0);
        int imported = module.functionCount() - module.functions().size();
        int open = -1; // function of the activation being walked, -1 between activations
        boolean recorded = false;
        int i = start;
        for (; i < trace.length; i++) {
            StackTraceElement e = trace[i];
            String cls = e.getClassName();
            if (cls.equals(ENTRY_CLASS) && e.getMethodName().equals("invoke")) {
                i++;
                break;
            }
            if (!cls.startsWith(GENERATED)) {
                continue;
            }
            String m = e.getMethodName();
            boolean region = m.startsWith("r");
            int func = functionOf(m);
            if (func < imported || func >= module.functionCount() || code.isFallback(func)) {
                continue;
            }
            if (open != func) {
                open = func;
                recorded = false;
            }
            if (!recorded && e.getLineNumber() > 0) {
                trap.addWasmFrame(module, func, module.bodies().get(func - imported), e.getLineNumber() - 1);
                recorded = true;
            }
            if (!region) {
                open = -1; // the function's own method closes its activation
            }
        }
        CONSUMED.put(trap, i);
    }

    /** The function index of a generated method name {@code f<index>} or {@code r<index>_<id>}, or -1. */
    static int functionOf(String method) {
        if (method.length() < 2 || (method.charAt(0) != 'f' && method.charAt(0) != 'r')) {
            return -1;
        }
        int n = 0;
        int k = 1;
        for (; k < method.length() && Character.isDigit(method.charAt(k)); k++) {
            n = n * 10 + (method.charAt(k) - '0');
        }
        if (k == 1) {
            return -1;
        }
        if (method.charAt(0) == 'f') {
            return k == method.length() ? n : -1;
        }
        return k < method.length() && method.charAt(k) == '_' ? n : -1;
    }
}

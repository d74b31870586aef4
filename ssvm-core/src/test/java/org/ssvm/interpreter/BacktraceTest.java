package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.ModuleBuilder.t;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.TrapException;
import org.ssvm.WasmFrame;
import org.ssvm.WasmFunction;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.FuncType;
import org.ssvm.model.Limits;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.ExitRequest;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

/**
 * Traps carry a Wasm backtrace: one frame per function they unwind through, pointing at the right bytes. Runs on
 * the interpreter; other engines subclass it (replacing {@link #runtime} and {@link #builder()}) to show the same.
 */
public class BacktraceTest extends WasmTestBase {

    /** The runtime builder of the tests that need their own limits. */
    protected WasmRuntime.Builder builder() {
        return WasmRuntime.builder();
    }

    /** Byte offset, within a body, of the instruction that follows {@code prefix}. */
    protected static int at(Code prefix) {
        return prefix.end().length - 1;
    }

    /** div traps dividing by zero; mid calls div; main calls mid. Names come from the name section. */
    private static ModuleBuilder calc() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("div", t(I32, I32), t(I32), Code.of().get(0).get(1).op(Opcode.I32_DIV_S).end());
        b.func("mid", t(I32), t(I32), Code.of().i32(7).get(0).op(Opcode.CALL, 0).end());
        b.func("main", t(), t(I32), Code.of().i32(0).op(Opcode.CALL, 1).end());
        b.module.names().setModuleName("calc");
        b.module.names().functionNames().put(0, "div");
        b.module.names().functionNames().put(1, "mid");
        b.module.names().functionNames().put(2, "main");
        return b;
    }

    @Test
    void nestedCallsShowEveryFrameInnermostFirstWithBinaryOffsets() {
        byte[] binary = ModuleEncoder.encode(calc().module);
        WasmModule module = WasmModule.fromBytes(binary);
        TrapException trap = assertThrows(TrapException.class,
                () -> runtime.linker().instantiate(module).function("main").call());
        assertEquals("integer divide by zero", trap.getMessage());

        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(List.of("div", "mid", "main"), frames.stream().map(WasmFrame::funcName).toList());
        assertEquals(List.of(0, 1, 2), frames.stream().map(WasmFrame::funcIndex).toList());
        for (WasmFrame f : frames) {
            assertEquals("calc", f.moduleName());
            assertTrue(f.inModule(), "a decoded module gives offsets in its binary: " + f);
        }
        // the offsets land on the trapping division and on the two calls in the binary itself
        assertEquals(Opcode.I32_DIV_S.code(), binary[frames.get(0).offset()] & 0xFF);
        assertEquals(Opcode.CALL.code(), binary[frames.get(1).offset()] & 0xFF);
        assertEquals(Opcode.CALL.code(), binary[frames.get(2).offset()] & 0xFF);
        Module decoded = module.model();
        assertEquals(decoded.bodies().get(0).codeOffset() + at(Code.of().get(0).get(1)), frames.get(0).offset());
        assertEquals(decoded.bodies().get(1).codeOffset() + at(Code.of().i32(7).get(0)), frames.get(1).offset());
        assertEquals(decoded.bodies().get(2).codeOffset() + at(Code.of().i32(0)), frames.get(2).offset());

        String text = trap.formatBacktrace();
        assertEquals(String.join("\n",
                "wasm backtrace:",
                "    0: 0x" + Integer.toHexString(frames.get(0).offset()) + " - calc!div",
                "    1: 0x" + Integer.toHexString(frames.get(1).offset()) + " - calc!mid",
                "    2: 0x" + Integer.toHexString(frames.get(2).offset()) + " - calc!main"), text);
    }

    @Test
    void modulesWithoutBinaryOrNamesGiveBodyOffsetsAndPlaceholders() {
        ModuleBuilder b = calc();
        b.module.names().setModuleName(null);
        b.module.names().functionNames().clear();
        TrapException trap = assertThrows(TrapException.class, () -> instantiate(b).function("main").call());
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(3, frames.size());
        assertFalse(frames.get(0).inModule());
        assertEquals(at(Code.of().get(0).get(1)), frames.get(0).offset());
        assertEquals(at(Code.of().i32(7).get(0)), frames.get(1).offset());
        assertEquals(at(Code.of().i32(0)), frames.get(2).offset());
        assertEquals("    0: body+0x" + Integer.toHexString(frames.get(0).offset()) + " - <unnamed>!func[0]",
                trap.formatBacktrace().lines().toList().get(1));
    }

    @Test
    void offsetsPointAtTheTrappingPartOfFusedInstructions() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory(null, Limits.of(1));
        int target = b.func(null, t(), t(), Code.of().end());
        b.table(null, FUNCREF, Limits.of(1));
        b.activeElem(0, 0, target);
        // local.get + i32.load become one instruction; so do local.get, local.get, i32.store
        Code load = Code.of().get(0);
        b.func("load", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD, 0).end());
        Code store = Code.of().get(0).get(0);
        b.func("store", t(I32), t(), Code.of().get(0).get(0).mem(Opcode.I32_STORE, 0).end());
        // local.get + i32.const fuse, the division stays apart
        Code div = Code.of().i32(1).get(0).i32(0);
        b.func("div", t(I32), t(I32), Code.of().i32(1).get(0).i32(0).op(Opcode.I32_DIV_U).op(Opcode.I32_ADD).end());
        // a compare with a constant fused into a branch, then unreachable
        Code guarded = Code.of().op(Opcode.BLOCK, VOID).get(0).i32(10).op(Opcode.I32_LT_S).op(Opcode.BR_IF, 0);
        b.func("guarded", t(I32), t(), Code.of().op(Opcode.BLOCK, VOID).get(0).i32(10).op(Opcode.I32_LT_S)
                .op(Opcode.BR_IF, 0).op(Opcode.UNREACHABLE).op(Opcode.END).end());
        Code indirect = Code.of().get(0);
        b.func("indirect", t(I32), t(), Code.of().get(0).op(Opcode.CALL_INDIRECT, 0, 0).end());
        WasmInstance inst = instantiate(b);

        assertEquals(at(load), innermost(inst.function("load"), 70_000));
        assertEquals(at(store), innermost(inst.function("store"), 70_000));
        assertEquals(at(div), innermost(inst.function("div"), 5));
        assertEquals(at(guarded), innermost(inst.function("guarded"), 20));
        assertEquals(at(indirect), innermost(inst.function("indirect"), 3));
    }

    private static int innermost(WasmFunction f, int arg) {
        TrapException trap = assertThrows(TrapException.class, () -> f.call(arg));
        assertEquals(1, trap.wasmBacktrace().size(), trap.formatBacktrace());
        return trap.wasmBacktrace().get(0).offset();
    }

    /** rec calls itself forever; run calls rec. */
    protected static ModuleBuilder recursion() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("rec", t(I32), t(I32), Code.of().get(0).i32(1).op(Opcode.I32_ADD).op(Opcode.CALL, 0).end());
        b.func("run", t(), t(I32), Code.of().i32(0).op(Opcode.CALL, 0).end());
        b.module.names().functionNames().put(0, "rec");
        b.module.names().functionNames().put(1, "run");
        return b;
    }

    @Test
    void callDepthExhaustionKeepsABoundedTrace() {
        try (WasmRuntime small = builder().maxCallDepth(500).build()) {
            WasmInstance inst = small.linker().instantiate(WasmModule.ofValidated(recursion().module));
            TrapException trap = assertThrows(TrapException.class, () -> inst.function("run").call());
            assertEquals("call stack exhausted", trap.getMessage());
            assertBoundedRecursionTrace(trap);
            assertEquals(501, trap.wasmFrameCount()); // run at depth 0, rec at depths 1..500
        }
    }

    @Test
    protected void javaStackOverflowBecomesATrapWithABoundedTrace() {
        // a small Java stack and no depth limit to speak of: the JVM's StackOverflowError comes first
        try (WasmRuntime small = builder().maxCallDepth(50_000_000).threadStackSize(1 << 20).build()) {
            WasmInstance inst = small.linker().instantiate(WasmModule.ofValidated(recursion().module));
            TrapException trap = assertThrows(TrapException.class, () -> inst.function("run").call());
            assertEquals("call stack exhausted", trap.getMessage());
            assertInstanceOf(StackOverflowError.class, trap.getCause());
            assertBoundedRecursionTrace(trap);
            // the runtime stays usable: the same call traps the same way again
            assertEquals("call stack exhausted",
                    assertThrows(TrapException.class, () -> inst.function("run").call()).getMessage());
        }
    }

    private static void assertBoundedRecursionTrace(TrapException trap) {
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(TrapException.INNER_FRAMES + TrapException.OUTER_FRAMES, frames.size());
        assertEquals(trap.wasmFrameCount() - frames.size(), trap.omittedFrames());
        assertTrue(trap.omittedFrames() > 100, "omitted: " + trap.omittedFrames());
        for (int i = 0; i < frames.size() - 1; i++) {
            assertEquals("rec", frames.get(i).funcName(), "frame " + i);
        }
        assertEquals("run", frames.getLast().funcName());
        // every rec frame sits at its call, the only instruction of rec that calls
        int callAt = at(Code.of().get(0).i32(1).op(Opcode.I32_ADD));
        assertEquals(callAt, frames.get(1).offset());
        assertEquals(callAt, frames.get(frames.size() - 2).offset());

        List<String> lines = trap.formatBacktrace().lines().toList();
        assertEquals(1 + frames.size() + 1, lines.size());
        assertEquals("... " + trap.omittedFrames() + " frames omitted ...",
                lines.get(1 + TrapException.INNER_FRAMES).strip());
        assertTrue(lines.getLast().strip().startsWith((trap.wasmFrameCount() - 1) + ": "), lines.getLast());
        assertTrue(lines.getLast().endsWith("!run"), lines.getLast());
    }

    /** Thrown by a host function that wants execution to end without a trap. */
    private static final class Quit extends RuntimeException implements ExitRequest {
    }

    @Test
    void hostExceptionsBecomeTrapsWithTheCallersFrames() {
        ModuleBuilder b = new ModuleBuilder();
        int boom = b.importFunc("env", "boom", t(I32), I32);
        int quit = b.importFunc("env", "quit", t());
        int callback = b.importFunc("env", "callback", t());
        b.func("callsHost", t(), t(I32), Code.of().i32(5).op(Opcode.CALL, boom).end());
        b.func("quits", t(), t(), Code.of().op(Opcode.CALL, quit).end());
        int inner = b.func("inner", t(), t(), Code.of().op(Opcode.UNREACHABLE).end());
        int outer = b.func("outer", t(), t(), Code.of().op(Opcode.NOP).op(Opcode.CALL, callback).end());
        b.module.names().functionNames().put(inner, "inner");
        b.module.names().functionNames().put(outer, "outer");
        Quit quitting = new Quit();
        WasmFunction[] innerFn = new WasmFunction[1];
        var linker = runtime.linker()
                .function("env", "boom", new FuncType(t(I32), t(I32)), (caller, slots, refs, base) -> {
                    throw new IllegalStateException("kaput " + slots[base]);
                })
                .function("env", "quit", new FuncType(t(), t()), (caller, slots, refs, base) -> {
                    throw quitting;
                })
                .function("env", "callback", new FuncType(t(), t()), (caller, slots, refs, base) -> {
                    innerFn[0].call();
                });
        WasmInstance inst = instantiate(linker, b);
        innerFn[0] = inst.function("inner");

        TrapException trap = assertThrows(TrapException.class, () -> inst.function("callsHost").call());
        assertEquals("host function env.boom failed: IllegalStateException: kaput 5", trap.getMessage());
        assertInstanceOf(IllegalStateException.class, trap.getCause());
        assertEquals(1, trap.wasmBacktrace().size());
        assertEquals(at(Code.of().i32(5)), trap.wasmBacktrace().get(0).offset());

        // an exit request passes through untouched
        assertSame(quitting, assertThrows(Quit.class, () -> inst.function("quits").call()));

        // a trap in wasm called back from the host keeps its frames, then gets the outer ones
        TrapException nested = assertThrows(TrapException.class, () -> inst.function("outer").call());
        assertEquals("unreachable", nested.getMessage());
        assertEquals(List.of("inner", "outer"), nested.wasmBacktrace().stream().map(WasmFrame::funcName).toList());
        assertEquals(at(Code.of().op(Opcode.NOP)), nested.wasmBacktrace().get(1).offset());
    }
}

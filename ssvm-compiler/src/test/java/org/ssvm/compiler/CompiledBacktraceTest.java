package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.ModuleBuilder.t;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmFrame;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.interpreter.BacktraceTest;
import org.ssvm.model.Opcode;
import org.ssvm.model.ValType;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/** The interpreter's backtrace tests on the compiler: the same frames, names, order and offsets. */
class CompiledBacktraceTest extends BacktraceTest {

    @BeforeAll
    static void useCompiler() {
        runtime.close();
        runtime = WasmRuntime.builder().engine(EngineKind.COMPILER).maxCallDepth(20_000)
                .threadStackSize(256L << 20).build();
    }

    @Override
    protected WasmRuntime.Builder builder() {
        return WasmRuntime.builder().engine(EngineKind.COMPILER);
    }

    /**
     * The JVM keeps only the innermost part (1024 frames by default) of a StackOverflowError's Java trace, so a
     * runaway recursion in compiled code shows its innermost frames exactly but not its outermost ones.
     */
    @Override
    @Test
    protected void javaStackOverflowBecomesATrapWithABoundedTrace() {
        try (WasmRuntime small = builder().threadStackSize(1 << 20).build()) {
            WasmInstance inst = small.linker().instantiate(WasmModule.ofValidated(recursion().module));
            TrapException trap = assertThrows(TrapException.class, () -> inst.function("run").call());
            assertEquals("call stack exhausted", trap.getMessage());
            assertInstanceOf(StackOverflowError.class, trap.getCause());
            List<WasmFrame> frames = trap.wasmBacktrace();
            assertEquals(TrapException.INNER_FRAMES + TrapException.OUTER_FRAMES, frames.size());
            assertTrue(trap.omittedFrames() > 100, "omitted: " + trap.omittedFrames());
            int callAt = at(Code.of().get(0).i32(1).op(Opcode.I32_ADD));
            for (int i = 0; i < TrapException.INNER_FRAMES; i++) {
                assertEquals("rec", frames.get(i).funcName(), "frame " + i);
                if (i > 0) {
                    assertEquals(callAt, frames.get(i).offset(), "frame " + i);
                }
            }
            assertEquals("call stack exhausted",
                    assertThrows(TrapException.class, () -> inst.function("run").call()).getMessage());
        }
    }

    /** Compiled code calling the interpreter calling compiled code: each activation appears once, in order. */
    @Test
    void framesAcrossEnginesAppearOnce() {
        ModuleBuilder b = new ModuleBuilder();
        int inner = b.func("inner", t(), t(), Code.of().op(Opcode.NOP).op(Opcode.UNREACHABLE).end());
        ValType[] many = new ValType[260]; // too many parameters for a JVM method: the interpreter runs it
        Arrays.fill(many, I32);
        Code midPrefix = Code.of().op(Opcode.NOP).op(Opcode.NOP);
        int mid = b.func("mid", many, t(), Code.of().op(Opcode.NOP).op(Opcode.NOP).op(Opcode.CALL, inner).end());
        Code outerBody = Code.of();
        Code outerPrefix = Code.of();
        for (int i = 0; i < many.length; i++) {
            outerBody.i32(i);
            outerPrefix.i32(i);
        }
        int outerCall = at(outerPrefix);
        int outer = b.func("outer", t(), t(), outerBody.op(Opcode.CALL, mid).end());
        int top = b.func("top", t(), t(), Code.of().op(Opcode.CALL, outer).end());
        for (int f : new int[] {inner, mid, outer, top}) {
            b.module.names().functionNames().put(f, List.of("inner", "mid", "outer", "top").get(f));
        }
        WasmInstance inst = instantiate(b);
        TrapException trap = assertThrows(TrapException.class, () -> inst.function("top").call());
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(List.of("inner", "mid", "outer", "top"), frames.stream().map(WasmFrame::funcName).toList(),
                trap.formatBacktrace());
        assertEquals(List.of(at(Code.of().op(Opcode.NOP)), at(midPrefix), outerCall, 0),
                frames.stream().map(WasmFrame::offset).toList());
    }

    /** A function split into region methods is still one frame, at the instruction inside the region. */
    @Test
    void regionMethodsBelongToTheirFunctionsFrame() throws Exception {
        ModuleBuilder b = new ModuleBuilder();
        int div = b.func("div", t(I32), t(I32), Code.of().i32(1).get(0).op(Opcode.I32_DIV_S).end());
        Code prefix = Code.of().op(Opcode.BLOCK, VOID).op(Opcode.LOOP, VOID).i32(0);
        int nested = b.func("nested", t(), t(), Code.of().op(Opcode.BLOCK, VOID).op(Opcode.LOOP, VOID).i32(0)
                .op(Opcode.CALL, div).op(Opcode.DROP).op(Opcode.END).op(Opcode.END).end());
        int main = b.func("main", t(), t(), Code.of().op(Opcode.NOP).op(Opcode.CALL, nested).end());
        b.module.names().functionNames().put(div, "div");
        b.module.names().functionNames().put(nested, "nested");
        b.module.names().functionNames().put(main, "main");
        TrapException trap = SplitEverything.run(() -> {
            try (WasmRuntime split = builder().build()) {
                WasmInstance inst = split.linker().instantiate(WasmModule.ofValidated(b.module));
                return assertThrows(TrapException.class, () -> inst.function("main").call());
            }
        });
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(List.of("div", "nested", "main"), frames.stream().map(WasmFrame::funcName).toList(),
                trap.formatBacktrace());
        assertEquals(List.of(at(Code.of().i32(1).get(0)), at(prefix), at(Code.of().op(Opcode.NOP))),
                frames.stream().map(WasmFrame::offset).toList());
    }

    @Test
    void generatedMethodNamesMapToFunctions() {
        assertEquals(12, CompiledBacktrace.functionOf("f12"));
        assertEquals(3, CompiledBacktrace.functionOf("r3_7"));
        assertEquals(-1, CompiledBacktrace.functionOf("b3"));
        assertEquals(-1, CompiledBacktrace.functionOf("f"));
        assertEquals(-1, CompiledBacktrace.functionOf("r3"));
        assertEquals(-1, CompiledBacktrace.functionOf("f3x"));
    }
}

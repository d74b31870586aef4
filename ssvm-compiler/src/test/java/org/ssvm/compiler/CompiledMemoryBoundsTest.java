package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.ModuleBuilder.t;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmFrame;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/**
 * The edges of compiled memory access (Rt's int range checks): the last bytes of memory, static offsets of 2^31
 * and more, and addresses whose sum with the offset wraps around 2^32 into a small int. Each is checked cold and
 * again after the accessing function ran hot, so the JIT-compiled helpers trap too.
 */
class CompiledMemoryBoundsTest {
    private static final int SIZE = 65536;
    private static WasmRuntime runtime;
    private static WasmInstance inst;

    @BeforeAll
    static void instantiate() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("mem", Limits.of(1));
        b.func("ld64_0", t(I32), t(I64), Code.of().get(0).mem(Opcode.I64_LOAD, 0).end()); // 0
        b.func("ld64_32", t(I32), t(I64), Code.of().get(0).mem(Opcode.I64_LOAD, 32).end()); // 1
        b.func("ld32_2g", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD, 0x7FFF_FFFF).end()); // 2
        b.func("ld32_4g", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD, 0xFFFF_FFF0).end()); // 3
        b.func("st64_32", t(I32, I64), t(), Code.of().get(0).get(1).mem(Opcode.I64_STORE, 32).end()); // 4
        b.func("ld8_1", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD8_U, 1).end()); // 5
        b.func("st16_2", t(I32, I32), t(), Code.of().get(0).get(1).mem(Opcode.I32_STORE16, 2).end()); // 6
        b.func("ld16s_0", t(I32), t(I32), Code.of().get(0).mem(Opcode.I32_LOAD16_S, 0).end()); // 7
        runtime = WasmRuntime.builder().engine(EngineKind.COMPILER).build();
        inst = runtime.linker().instantiate(WasmModule.ofValidated(b.module));
    }

    @AfterAll
    static void close() { runtime.close(); }

    private static Object call(String name, Object... args) { return inst.function(name).call(args)[0]; }

    private static void assertTraps(int funcIndex, String name, Object... args) {
        TrapException trap = assertThrows(TrapException.class, () -> inst.function(name).call(args), name);
        assertEquals("out of bounds memory access", trap.getMessage());
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(1, frames.size(), frames.toString());
        assertEquals(funcIndex, frames.get(0).funcIndex());
    }

    private void checkEdges() {
        inst.function("st64_32").call(SIZE - 40, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, call("ld64_32", SIZE - 40));
        assertEquals(0x0102_0304_0506_0708L, call("ld64_0", SIZE - 8));
        assertTraps(0, "ld64_0", SIZE - 7);
        assertTraps(0, "ld64_0", -1);
        assertTraps(1, "ld64_32", SIZE - 39);
        assertTraps(1, "ld64_32", -16); // 0xFFFFFFF0 + 32 wraps to 16 in 32 bits
        assertTraps(1, "ld64_32", Integer.MIN_VALUE);
        assertTraps(2, "ld32_2g", 0);
        assertTraps(3, "ld32_4g", 16); // 16 + 0xFFFFFFF0 wraps to 0 in 32 bits
        assertEquals(0x01, call("ld8_1", SIZE - 2));
        assertTraps(5, "ld8_1", SIZE - 1);
        assertTraps(5, "ld8_1", -1);
        inst.function("st16_2").call(SIZE - 4, 0xBEEF);
        assertEquals((int) (short) 0xBEEF, call("ld16s_0", SIZE - 2));
        assertTraps(6, "st16_2", SIZE - 3, 0x1234);
        assertTraps(7, "ld16s_0", SIZE - 1);
        // a store that traps writes nothing, not even the bytes that would fit
        assertTraps(4, "st64_32", SIZE - 36, -1L);
        assertEquals(0xBEEF_0304_0506_0708L, call("ld64_0", SIZE - 8));
    }

    @Test
    void edgesTrapColdAndHot() {
        checkEdges();
        for (int i = 0; i < 20_000; i++) { // enough for the JIT to compile the functions and helpers
            int a = i & 0xFFF8;
            call("ld64_0", a);
            call("ld64_32", a / 2);
            call("ld8_1", a);
            call("ld16s_0", a);
            inst.function("st16_2").call(a / 2, i);
        }
        checkEdges();
    }
}

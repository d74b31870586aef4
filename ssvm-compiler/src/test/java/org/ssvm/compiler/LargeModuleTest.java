package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/**
 * A module the size of real compiled programs: tens of thousands of functions, all in one table, reached
 * through call_indirect and direct calls. Its code spreads over many generated classes; every function must be
 * compiled (none left to the interpreter) and compute what the interpreter computes.
 */
class LargeModuleTest {
    private static final int FUNCTIONS = 30_000;

    /**
     * Functions 0..N-1: f_i(x) = x * 31 + i, except that every 1000th also adds f_{i-1}(x) through a direct call;
     * function N, "sum"(n): the sum over i < n of table[i](i), through call_indirect.
     */
    private static WasmModule module() {
        ModuleBuilder b = new ModuleBuilder();
        int type = b.type(t(I32), I32);
        int[] all = new int[FUNCTIONS];
        for (int i = 0; i < FUNCTIONS; i++) {
            Code body = Code.of().get(0).i32(31).op(Opcode.I32_MUL).i32(i).op(Opcode.I32_ADD);
            if (i % 1000 == 999) {
                body.get(0).op(Opcode.CALL, i - 1).op(Opcode.I32_ADD);
            }
            all[i] = b.func(null, t(I32), t(I32), body.end());
        }
        b.table(null, org.ssvm.model.ValType.FUNCREF, Limits.of(FUNCTIONS));
        b.activeElem(0, 0, all);
        // locals: 0 = n, 1 = i, 2 = acc
        b.func("sum", t(I32), t(I32), t(I32, I32), Code.of()
                .op(Opcode.LOOP, VOID)
                .get(2).get(1).get(1).op(Opcode.CALL_INDIRECT, type, 0).op(Opcode.I32_ADD).set(2)
                .get(1).i32(1).op(Opcode.I32_ADD).op(Opcode.LOCAL_TEE, 1).get(0).op(Opcode.I32_LT_U)
                .op(Opcode.BR_IF, 0)
                .op(Opcode.END)
                .get(2).end());
        return WasmModule.ofValidated(b.module);
    }

    private static int expected(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += f(i, i);
        }
        return sum;
    }

    private static int f(int i, int x) {
        return x * 31 + i + (i % 1000 == 999 ? f(i - 1, x) : 0);
    }

    @Test
    void everyFunctionIsCompiledAndAgreesWithTheInterpreter() {
        WasmModule module = module();
        try (WasmRuntime compiler = WasmRuntime.builder().engine(EngineKind.COMPILER).build();
             WasmRuntime interpreter = WasmRuntime.builder().build()) {
            WasmInstance compiled = compiler.linker().instantiate(module);
            assertEquals(expected(FUNCTIONS), compiled.function("sum").call(FUNCTIONS)[0]);
            assertInstanceOf(CompiledFunction.class, compiled.function("sum").raw());
            ModuleCode code = ((CompilerEngine) compiler.engine()).code(module.model());
            assertEquals(0, code.fallbackCount(), "functions left to the interpreter");
            WasmInstance interpreted = interpreter.linker().instantiate(module);
            assertEquals(interpreted.function("sum").call(FUNCTIONS)[0], compiled.function("sum").call(FUNCTIONS)[0]);
        }
    }
}

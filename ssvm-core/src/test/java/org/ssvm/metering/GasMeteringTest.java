package org.ssvm.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.Code.bt;
import static org.ssvm.testing.ModuleBuilder.t;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ssvm.EngineKind;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/**
 * Gas counts of small programs, computed by hand from the {@link MeteringPlan} contract. Every engine must
 * give exactly these numbers: ssvm-compiler's tests run this class again for the compiler.
 */
class GasMeteringTest {
    /** The engine under test; ssvm-compiler's tests run this class again for {@link EngineKind#COMPILER}. */
    protected EngineKind engine() { return EngineKind.INTERPRETER; }

    /** if/else, a counting loop, a call, a trap in mid-region, an endless loop, and a constant. */
    private static ModuleBuilder programs() {
        ModuleBuilder b = new ModuleBuilder();
        // 0: (i32.eqz x) ? 1 : 2   regions [local.get i32.eqz if] [i32.const else] [i32.const end] [end]
        b.func("choose", t(I32), t(I32), Code.of().get(0).op(Opcode.I32_EQZ).op(Opcode.IF, bt(I32)).i32(1)
                .op(Opcode.ELSE).i32(2).op(Opcode.END).end());
        // 1: sum = 0; do { sum += n; n--; } while (n != 0)
        //    regions [loop] [9 instructions ending in br_if] [end] [local.get end]
        b.func("sum", t(I32), t(I32), t(I32), Code.of().op(Opcode.LOOP, VOID)
                .get(1).get(0).op(Opcode.I32_ADD).set(1)
                .get(0).i32(1).op(Opcode.I32_SUB).op(Opcode.LOCAL_TEE, 0)
                .op(Opcode.BR_IF, 0)
                .op(Opcode.END)
                .get(1).end());
        // 2: five = 5    region [i32.const end]
        b.func("five", t(), t(I32), Code.of().i32(5).end());
        // 3: call five, add 1    regions [call] [i32.const i32.add end]
        b.func("six", t(), t(I32), Code.of().op(Opcode.CALL, 2).i32(1).op(Opcode.I32_ADD).end());
        // 4: divides by zero in the middle of its only region [i32.const i32.const i32.div_s drop end]
        b.func("divzero", t(), t(), Code.of().i32(1).i32(0).op(Opcode.I32_DIV_S).op(Opcode.DROP).end());
        // 5: loop forever    regions [loop] [br] (then unreachable ones)
        b.func("spin", t(), t(), Code.of().op(Opcode.LOOP, VOID).op(Opcode.BR, 0).op(Opcode.END).end());
        return b;
    }

    private WasmInstance instantiate(Consumer<WasmRuntime.Builder> options) {
        WasmRuntime.Builder b = WasmRuntime.builder().engine(engine()).metering(true);
        options.accept(b);
        WasmRuntime runtime = b.build();
        return runtime.linker().instantiate(WasmModule.ofValidated(programs().module));
    }

    private static long gasOf(WasmInstance inst, String name, Object... args) {
        long before = inst.meter().gasUsed();
        inst.function(name).call(args);
        return inst.meter().gasUsed() - before;
    }

    @Test
    void handComputedCounts() {
        WasmInstance inst = instantiate(b -> { });
        assertEquals(6, gasOf(inst, "choose", 0), "then: 3 + 2 + 1");
        assertEquals(6, gasOf(inst, "choose", 5), "else: 3 + 2 + 1");
        assertEquals(1 + 3 * 9 + 1 + 2, gasOf(inst, "sum", 3));
        assertEquals(1 + 9 + 1 + 2, gasOf(inst, "sum", 1));
        assertEquals(2, gasOf(inst, "five"));
        assertEquals(1 + 2 + 3, gasOf(inst, "six"));
        // default costs: instructions executed equal gas
        assertEquals(inst.meter().gasUsed(), inst.statistics().instructions());
        assertEquals(6 + 6 + 31 + 13 + 2 + 6, inst.statistics().gasUsed());
    }

    @Test
    void countsPerInstruction() {
        WasmInstance inst = instantiate(b -> b.opcodeCounts(true));
        assertEquals(31, gasOf(inst, "sum", 3));
        Map<Opcode, Long> expected = new LinkedHashMap<>();
        expected.put(Opcode.LOCAL_GET, 10L);
        expected.put(Opcode.BR_IF, 3L);
        expected.put(Opcode.LOCAL_SET, 3L);
        expected.put(Opcode.LOCAL_TEE, 3L);
        expected.put(Opcode.I32_CONST, 3L);
        expected.put(Opcode.I32_ADD, 3L);
        expected.put(Opcode.I32_SUB, 3L);
        expected.put(Opcode.END, 2L);
        expected.put(Opcode.LOOP, 1L);
        assertEquals(expected, inst.meter().opcodeCounts());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(inst.meter().opcodeCounts().keySet()),
                "most frequent first, ties in opcode order");
        inst.function("six").call();
        assertEquals(2L, inst.meter().opcodeCounts().get(Opcode.I32_CONST) - 3L);
        assertEquals(inst.statistics().instructions(),
                inst.meter().opcodeCounts().values().stream().mapToLong(Long::longValue).sum());
        inst.meter().reset();
        assertEquals(Map.of(), inst.meter().opcodeCounts());
    }

    @Test
    void costTableWeighsInstructions() {
        CostTable table = CostTable.parse("default 2\ni32.add 10\ncall 7");
        WasmInstance inst = instantiate(b -> b.costTable(table));
        assertEquals(7 + 4 + (2 + 10 + 2), gasOf(inst, "six"));
        assertEquals(6, inst.statistics().instructions());
        assertEquals(2 + 3 * (8 * 2 + 10) + 2 + 4, gasOf(inst, "sum", 3));
    }

    @Test
    void aTrapInMidRegionHasPaidForTheWholeRegion() {
        WasmInstance inst = instantiate(b -> { });
        TrapException e = assertThrows(TrapException.class, () -> inst.function("divzero").call());
        assertEquals("integer divide by zero", e.getMessage());
        assertEquals(5, inst.meter().gasUsed());
    }

    @Test
    void instanceGasLimitStopsAnEndlessLoopExactlyAtTheLimit() {
        WasmInstance inst = instantiate(b -> b.gasLimit(1000));
        TrapException e = assertThrows(TrapException.class, () -> inst.function("spin").call());
        assertEquals("gas limit exceeded", e.getMessage());
        // [loop] costs 1, then each [br] 1: the charge that would make 1001 fails and is not counted
        assertEquals(1000, inst.meter().gasUsed());
        // the budget is spent: even a tiny call is refused until the limit is raised
        assertThrows(TrapException.class, () -> inst.function("five").call());
        assertEquals(1000, inst.meter().gasUsed());
        inst.meter().setGasLimit(2000);
        assertEquals(5, inst.function("five").call()[0]);
        assertEquals(1002, inst.meter().gasUsed());
    }

    @Test
    void perCallGasLimitLeavesTheInstanceUsable() {
        WasmInstance inst = instantiate(b -> { });
        TrapException e = assertThrows(TrapException.class,
                () -> inst.function("spin").callWithGasLimit(50));
        assertEquals("gas limit exceeded", e.getMessage());
        assertEquals(50, inst.meter().gasUsed());
        assertEquals(Meter.UNLIMITED, inst.meter().gasLimit(), "the per-call limit is lifted after the call");
        assertEquals(6, inst.function("six").call()[0]);
        assertEquals(6, inst.function("six").callWithGasLimit(6)[0]);
        assertThrows(TrapException.class, () -> inst.function("six").callWithGasLimit(5));
    }

    @Test
    void withoutMeteringNothingIsCounted() {
        WasmRuntime runtime = WasmRuntime.builder().engine(engine()).build();
        WasmInstance inst = runtime.linker().instantiate(WasmModule.ofValidated(programs().module));
        assertEquals(5050, inst.function("sum").call(100)[0]);
        assertEquals(0, inst.statistics().gasUsed());
        assertEquals(0, inst.statistics().instructions());
    }

    @Test
    void aSharedMeterCountsSeveralInstances() {
        WasmRuntime runtime = WasmRuntime.builder().engine(engine()).metering(true).build();
        Meter shared = new Meter();
        var linker = runtime.linker().meter(shared);
        WasmInstance a = linker.instantiate(WasmModule.ofValidated(programs().module));
        WasmInstance c = linker.instantiate(WasmModule.ofValidated(programs().module));
        a.function("five").call();
        c.function("six").call();
        assertEquals(2 + 6, shared.gasUsed());
        shared.reset();
        assertEquals(0, a.statistics().gasUsed());
    }
}

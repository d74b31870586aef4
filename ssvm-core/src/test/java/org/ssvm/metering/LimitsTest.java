package org.ssvm.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.Code.VOID;
import static org.ssvm.testing.Code.bt;
import static org.ssvm.testing.ModuleBuilder.t;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssvm.EngineKind;
import org.ssvm.LinkException;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.Limits;
import org.ssvm.model.Opcode;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;

/**
 * Each resource limit stops a hostile function, and the instance answers another call normally afterwards.
 * Runs with metering off and on (interruption works in both ways: polls or charges), here with the
 * interpreter and, in ssvm-compiler's tests, with the compiler.
 */
class LimitsTest {
    /** The engine under test; ssvm-compiler's tests run this class again for {@link EngineKind#COMPILER}. */
    protected EngineKind engine() { return EngineKind.INTERPRETER; }

    /** spin: endless loop; fib: loop-free exponential recursion; rec: endless recursion; answer: 42. */
    private static ModuleBuilder hostile() {
        ModuleBuilder b = new ModuleBuilder();
        b.func("spin", t(), t(), Code.of().op(Opcode.LOOP, VOID).op(Opcode.BR, 0).op(Opcode.END).end());
        // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), function 1
        b.func("fib", t(I64), t(I64), Code.of().get(0).i64(2).op(Opcode.I64_LT_U).op(Opcode.IF, bt(I64)).get(0)
                .op(Opcode.ELSE).get(0).i64(1).op(Opcode.I64_SUB).op(Opcode.CALL, 1).get(0).i64(2)
                .op(Opcode.I64_SUB).op(Opcode.CALL, 1).op(Opcode.I64_ADD).op(Opcode.END).end());
        b.func("rec", t(I32), t(I32), Code.of().get(0).i32(1).op(Opcode.I32_ADD).op(Opcode.CALL, 2).end());
        b.func("answer", t(), t(I32), Code.of().i32(42).end());
        return b;
    }

    private static WasmInstance instantiate(WasmRuntime.Builder b, boolean metered) {
        return b.metering(metered).build().linker().instantiate(WasmModule.ofValidated(hostile().module));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void timeLimitStopsATightLoop(boolean metered) {
        WasmInstance inst = instantiate(WasmRuntime.builder().engine(engine()).timeLimit(Duration.ofMillis(100)),
                metered);
        TrapException e = assertThrows(TrapException.class, () -> inst.function("spin").call());
        assertEquals("time limit exceeded", e.getMessage());
        assertEquals(42, inst.function("answer").call()[0]);
        e = assertThrows(TrapException.class, () -> inst.function("fib").call(200L));
        assertEquals("time limit exceeded", e.getMessage(), "function entries poll too");
        assertEquals(42, inst.function("answer").call()[0]);
        assertTrue(inst.statistics().timeNanos() >= 200_000_000L, "time spent is measured");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void interruptFromAnotherThreadStopsATightLoop(boolean metered) throws Exception {
        WasmInstance inst = instantiate(WasmRuntime.builder().engine(engine()).interruptible(true), metered);
        for (String name : new String[] {"spin", "fib"}) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    if (name.equals("spin")) {
                        inst.function("spin").call();
                    } else {
                        inst.function("fib").call(200L);
                    }
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            // interrupt() has no effect before the call starts, so repeat it until the call is over
            for (int i = 0; i < 1000 && caller.isAlive(); i++) {
                Thread.sleep(10);
                inst.interrupt();
            }
            caller.join(10_000);
            assertTrue(thrown.get() instanceof TrapException, name + ": " + thrown.get());
            assertEquals("interrupted", thrown.get().getMessage());
            assertEquals(42, inst.function("answer").call()[0]);
        }
    }

    @Test
    void interruptBeforeACallDoesNotStopIt() {
        WasmInstance inst = instantiate(WasmRuntime.builder().engine(engine()).interruptible(true), false);
        inst.interrupt();
        assertEquals(55L, inst.function("fib").call(10L)[0]);
    }

    @Test
    void interruptingCodeThatDoesNotPollIsRefused() {
        WasmInstance inst = instantiate(WasmRuntime.builder().engine(engine()), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, inst::interrupt);
        assertTrue(e.getMessage().contains("interruptible(true)"), e.getMessage());
        WasmInstance metered = instantiate(WasmRuntime.builder().engine(engine()), true);
        metered.interrupt(); // charges poll
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void callDepthLimitStopsEndlessRecursion(boolean metered) {
        WasmInstance inst = instantiate(WasmRuntime.builder().engine(engine()).maxCallDepth(500), metered);
        TrapException e = assertThrows(TrapException.class, () -> inst.function("rec").call(0));
        assertEquals("call stack exhausted", e.getMessage());
        assertEquals(42, inst.function("answer").call()[0]);
        assertEquals(6765L, inst.function("fib").call(20L)[0]);
    }

    /** grow(n): memory.grow n; hog: grows by one page until refused, answers the pages it got. */
    private static ModuleBuilder grower(int minPages) {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("memory", Limits.of(minPages));
        b.func("grow", t(I32), t(I32), Code.of().get(0).op(Opcode.MEMORY_GROW, 0).end());
        b.func("hog", t(), t(I32), t(I32), Code.of().op(Opcode.LOOP, VOID)
                .get(0).i32(1).op(Opcode.I32_ADD).set(0)
                .i32(1).op(Opcode.MEMORY_GROW, 0).i32(-1).op(Opcode.I32_NE).op(Opcode.BR_IF, 0)
                .op(Opcode.END).get(0).i32(1).op(Opcode.I32_SUB).end());
        b.func("size", t(), t(I32), Code.of().op(Opcode.MEMORY_SIZE, 0).end());
        return b;
    }

    @Test
    void memoryPageLimitRefusesGrowth() {
        WasmRuntime runtime = WasmRuntime.builder().engine(engine()).memoryPageLimit(8).build();
        WasmInstance inst = runtime.linker().instantiate(WasmModule.ofValidated(grower(1).module));
        assertEquals(7, inst.function("hog").call()[0], "an unbounded grower gets 7 more pages, then -1");
        assertEquals(8, inst.function("size").call()[0]);
        assertEquals(-1, inst.function("grow").call(1)[0]);
        assertEquals(8, inst.function("grow").call(0)[0]);
        assertEquals(8, inst.memory("memory").pages());
    }

    @Test
    void instantiationNeedingMorePagesFails() {
        WasmRuntime runtime = WasmRuntime.builder().engine(engine()).memoryPageLimit(4).build();
        LinkException e = assertThrows(LinkException.class,
                () -> runtime.linker().instantiate(WasmModule.ofValidated(grower(5).module)));
        assertEquals("memory 0 needs 5 pages, more than the memory page limit of 4", e.getMessage());
        WasmInstance ok = runtime.linker().instantiate(WasmModule.ofValidated(grower(4).module));
        assertEquals(4, ok.function("size").call()[0]);
    }
}

package org.ssvm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ssvm.WasmModule;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;

/**
 * What metering adds to generated code: nothing but the call depth check when it is off and polls are not
 * wanted ("off means absent"), polls only when interruptible, and gas in locals (slow paths, meter access)
 * only when metered.
 */
class GeneratedMeteringCodeTest {
    /**
     * How often each {@link Rt} metering helper is called in the generated classes of {@code module}, and
     * ("meter") how many calls of the meter's methods there are.
     */
    private static Map<String, Integer> helperCalls(Module module, MeteringConfig config) {
        Map<String, Integer> calls = new TreeMap<>();
        for (String h : new String[] {"gasSlow", "gasSlowCounted", "poll", "enter", "meter"}) {
            calls.put(h, 0);
        }
        for (byte[] bytes : ModuleCompiler.generate(module, config).values()) {
            ClassModel cm = ClassFile.of().parse(bytes);
            for (MethodModel m : cm.methods()) {
                CodeModel code = m.code().orElse(null);
                if (code == null) {
                    continue;
                }
                code.forEach(e -> {
                    if (e instanceof InvokeInstruction inv && inv.owner().asInternalName().equals("org/ssvm/compiler/Rt")
                            && calls.containsKey(inv.name().stringValue())) {
                        calls.merge(inv.name().stringValue(), 1, Integer::sum);
                    }
                    if (e instanceof InvokeInstruction inv
                            && inv.owner().asInternalName().equals("org/ssvm/metering/Meter")) {
                        calls.merge("meter", 1, Integer::sum);
                    }
                });
            }
        }
        return calls;
    }

    @Test
    void offMeansAbsent() throws Exception {
        Path file = SharedMaterial.require("bench/wasm").resolve("sieve.wasm");
        Module m = WasmModule.fromPath(file).model();
        Map<String, Integer> off = helperCalls(m, new MeteringConfig(null, false));
        assertEquals(Map.of("gasSlow", 0, "gasSlowCounted", 0, "poll", 0, "meter", 0, "enter", off.get("enter")), off);
        assertTrue(off.get("enter") > 0, "the call depth limit always holds: " + off);

        Map<String, Integer> polls = helperCalls(m, new MeteringConfig(null, true));
        assertEquals(0, polls.get("gasSlow") + polls.get("gasSlowCounted") + polls.get("meter"), polls.toString());
        assertTrue(polls.get("poll") >= off.get("enter"), "function entries and loop heads poll: " + polls);

        Map<String, Integer> metered = helperCalls(m, new MeteringConfig(CostTable.DEFAULT, true));
        assertEquals(0, metered.get("poll"), "charges poll themselves: " + metered);
        assertEquals(0, metered.get("gasSlowCounted"), "default costs: instructions follow from gas: " + metered);
        assertTrue(metered.get("gasSlow") > polls.get("poll"), "every region has its slow path: " + metered);
        assertTrue(metered.get("meter") > 0, metered.toString());

        Map<String, Integer> doubled = helperCalls(m, new MeteringConfig(CostTable.uniform(2), true));
        assertEquals(0, doubled.get("gasSlow"), "gas and instructions differ: both are counted " + doubled);
        assertTrue(doubled.get("gasSlowCounted") >= metered.get("gasSlow"), doubled.toString());
    }
}

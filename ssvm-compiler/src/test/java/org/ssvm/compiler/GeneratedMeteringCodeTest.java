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
 * wanted ("off means absent"), polls only when interruptible, and charges only when metered.
 */
class GeneratedMeteringCodeTest {
    /** How often each {@link Rt} metering helper is called in the generated classes of {@code module}. */
    private static Map<String, Integer> helperCalls(Module module, MeteringConfig config) {
        Map<String, Integer> calls = new TreeMap<>();
        for (String h : new String[] {"charge", "poll", "enter"}) {
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
        assertEquals(0, off.get("charge"), off.toString());
        assertEquals(0, off.get("poll"), off.toString());
        assertTrue(off.get("enter") > 0, "the call depth limit always holds: " + off);

        Map<String, Integer> polls = helperCalls(m, new MeteringConfig(null, true));
        assertEquals(0, polls.get("charge"), polls.toString());
        assertTrue(polls.get("poll") >= off.get("enter"), "function entries and loop heads poll: " + polls);

        Map<String, Integer> metered = helperCalls(m, new MeteringConfig(CostTable.DEFAULT, true));
        assertEquals(0, metered.get("poll"), "charges poll themselves: " + metered);
        assertTrue(metered.get("charge") > polls.get("poll"), metered.toString());
    }
}

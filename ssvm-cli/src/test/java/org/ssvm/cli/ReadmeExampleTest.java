package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.Linker;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.Memory;
import org.ssvm.text.Wat;

/** The embedding example of README.md, kept compiling and correct. */
class ReadmeExampleTest {
    @Test
    void embeddingExampleWorks() throws IOException {
        List<String> logged = new ArrayList<>();
        Path file = Path.of("src/test/resources/examples/greet.wat");

        // --- README example starts here ---
        try (WasmRuntime runtime = WasmRuntime.create()) {
            WasmModule module = WasmModule.of(Wat.parseModule(Files.readString(file)));  // or runtime.load(path) for .wasm
            Linker linker = runtime.linker();
            linker.function("host", "log", FuncType.of(new ValType[] {ValType.I32, ValType.I32}),
                    (caller, slots, refs, base) -> {
                        byte[] text = new byte[(int) slots[base + 1]];
                        ((Memory) caller.export("memory")).read((int) slots[base], text, 0, text.length);
                        logged.add(new String(text, StandardCharsets.UTF_8));
                    });
            WasmInstance instance = linker.instantiate(module);

            byte[] name = "SSVM".getBytes(StandardCharsets.UTF_8);
            instance.memory("memory").write(7, name, 0, name.length);
            Object[] results = instance.function("greet").call(name.length);
            // --- README example ends here ---

            assertEquals(List.of(11), List.of(results));
        }
        assertEquals(List.of("Hello, SSVM"), logged);
    }
}

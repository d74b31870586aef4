package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ssvm run} prints a Wasm backtrace after the trap message, the same on both engines. */
class RunBacktraceTest {
    /** _start calls compute, which calls div, which divides by zero. */
    private static final String DIVIDE = """
            (module
              (func $div (param i32 i32) (result i32)
                (i32.div_s (local.get 0) (local.get 1)))
              (func $compute (param i32) (result i32)
                (call $div (i32.const 10) (local.get 0)))
              (func $main (export "_start")
                (drop (call $compute (i32.const 0)))))
            """;

    @TempDir
    Path dir;

    /** Runs {@code ssvm run} on {@code engine}; other commands as given. */
    private static CliRun ssvm(String engine, String... args) {
        if (args[0].equals("run")) {
            String[] withEngine = new String[args.length + 2];
            withEngine[0] = "run";
            withEngine[1] = "--engine";
            withEngine[2] = engine;
            System.arraycopy(args, 1, withEngine, 3, args.length - 1);
            return CliRun.of(withEngine);
        }
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static final Pattern FRAME = Pattern.compile("    (\\d+): 0x([0-9a-f]+) - (\\S+)");

    /** Checks the frame lines' numbering and locations; answers their offsets. */
    private static int[] frames(List<String> lines, String... locations) {
        int[] offsets = new int[locations.length];
        for (int i = 0; i < locations.length; i++) {
            Matcher m = FRAME.matcher(lines.get(i));
            assertTrue(m.matches(), "frame line expected: " + lines.get(i));
            assertEquals(i, Integer.parseInt(m.group(1)));
            assertEquals(locations[i], m.group(3));
            offsets[i] = Integer.parseInt(m.group(2), 16);
        }
        return offsets;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void trapPrintsMessageAndBacktraceWithNamesAndBinaryOffsets(String engine) throws IOException {
        Path wat = write("divide.wat", DIVIDE);
        CliRun r = ssvm(engine, "run", wat.toString());
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(5, lines.size(), r.err());
        assertEquals("ssvm: trap: integer divide by zero", lines.get(0));
        assertEquals("wasm backtrace:", lines.get(1));
        int[] offsets = frames(lines.subList(2, 5), "divide.wat!div", "divide.wat!compute", "divide.wat!main");

        // the offsets are those of the binary that wat2wasm writes: the division, then the two calls
        Path wasm = dir.resolve("divide.wasm");
        assertEquals(0, ssvm(engine, "wat2wasm", wat.toString(), "-o", wasm.toString()).exit());
        byte[] binary = Files.readAllBytes(wasm);
        assertEquals(0x6D, binary[offsets[0]] & 0xFF); // i32.div_s
        assertEquals(0x10, binary[offsets[1]] & 0xFF); // call
        assertEquals(0x10, binary[offsets[2]] & 0xFF); // call

        // the binary itself traps with the same offsets, under its own file name
        CliRun fromBinary = ssvm(engine, "run", wasm.toString());
        assertEquals(RunCommand.TRAP_EXIT_CODE, fromBinary.exit());
        List<String> binLines = fromBinary.err().lines().toList();
        int[] binOffsets = frames(binLines.subList(2, 5), "divide.wasm!div", "divide.wasm!compute",
                "divide.wasm!main");
        assertEquals(List.of(offsets[0], offsets[1], offsets[2]),
                List.of(binOffsets[0], binOffsets[1], binOffsets[2]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void moduleNameFromTheTextWinsAndUnnamedFunctionsGetTheirIndex(String engine) throws IOException {
        Path wat = write("named.wat", """
                (module $calc
                  (func (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                  (func $go (export "go") (param i32) (result i32) (call 0 (local.get 0))))
                """);
        CliRun r = ssvm(engine, "run", "--invoke", "go", wat.toString(), "0");
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals("ssvm: trap: integer divide by zero", lines.get(0));
        frames(lines.subList(2, 4), "calc!func[0]", "calc!go");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void runawayRecursionPrintsABoundedBacktrace(String engine) throws IOException {
        Path wat = write("forever.wat", """
                (module
                  (func $forever (param i32) (result i32)
                    (call $forever (i32.add (local.get 0) (i32.const 1))))
                  (func $main (export "_start") (drop (call $forever (i32.const 0)))))
                """);
        CliRun r = ssvm(engine, "run", wat.toString());
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals("ssvm: trap: call stack exhausted", lines.get(0));
        assertEquals(2 + 50 + 1 + 10, lines.size(), "50 inner frames, a gap line, 10 outer frames");
        assertTrue(lines.get(2).endsWith(" - forever.wat!forever"), lines.get(2));
        assertTrue(lines.get(52).strip().matches("\\.\\.\\. \\d+ frames omitted \\.\\.\\."), lines.get(52));
        assertTrue(lines.getLast().endsWith(" - forever.wat!main"), lines.getLast());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void procExitIsNoTrap(String engine) throws IOException {
        Path wat = write("exit.wat", """
                (module
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1)
                  (func $main (export "_start") (call $exit (i32.const 3)) (unreachable)))
                """);
        CliRun r = ssvm(engine, "run", wat.toString());
        assertEquals(3, r.exit(), r.err());
        assertFalse(r.err().contains("trap"), r.err());
    }
}

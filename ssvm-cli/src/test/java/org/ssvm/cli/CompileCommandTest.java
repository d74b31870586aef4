package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;

/** {@code ssvm compile}: writes a module with an ssvm.aot section that both engines run. */
class CompileCommandTest {
    private static final String ADD = """
            (module
              (func (export "add") (param i32 i32) (result i32)
                (i32.add (local.get 0) (local.get 1))))
            """;

    @TempDir
    Path dir;

    @Test
    void compilesTextAndTheResultRunsInBothEngines() throws IOException {
        Path in = Files.writeString(dir.resolve("add.wat"), ADD, StandardCharsets.UTF_8);
        Path out = dir.resolve("add.wasm");
        CliRun r = CliRun.of("compile", in.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        Module m = ModuleDecoder.decode(Files.readAllBytes(out));
        assertEquals("ssvm.aot", m.customSections().getLast().name());
        for (String engine : new String[] {"compiler", "interpreter"}) {
            CliRun run = CliRun.of("run", "--engine", engine, "--invoke", "add", out.toString(), "40", "2");
            assertEquals(0, run.exit(), run.err());
            assertEquals("42\n", run.out());
        }
    }

    /** Warnings of the compiler's AOT loader, through java.util.logging (the System.Logger backend). */
    private static List<String> aotWarnings(Runnable action) {
        Logger logger = Logger.getLogger("org.ssvm.compiler.aot");
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return warnings;
    }

    @Test
    void aStaleSectionIsReportedAndTheModuleStillRuns() throws IOException {
        Path in = Files.writeString(dir.resolve("add.wat"), ADD, StandardCharsets.UTF_8);
        Path out = dir.resolve("add.wasm");
        assertEquals(0, CliRun.of("compile", in.toString(), "-o", out.toString()).exit());
        String file = out.toString();
        assertEquals(List.of(), aotWarnings(() ->
                assertEquals("5\n", CliRun.of("run", "--engine", "compiler", "--invoke", "add", file, "2", "3").out())));

        // i32.add (0x6A) becomes i32.sub (0x6B): the stored classes no longer fit the module
        byte[] bytes = Files.readAllBytes(out);
        int add = indexOf(bytes, new byte[] {0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B}) + 4;
        bytes[add] = 0x6B;
        Files.write(out, bytes);
        CliRun[] stale = new CliRun[1];
        List<String> warnings = aotWarnings(() ->
                stale[0] = CliRun.of("run", "--engine", "compiler", "--invoke", "add", file, "2", "3"));
        assertEquals("-1\n", stale[0].out());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("module mismatch"), warnings.getFirst());
        // the command line shows it as one line on stderr
        assertEquals(List.of("ssvm: warning: " + warnings.getFirst()), stale[0].errLines());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void keepsTheOriginalBytesOfABinaryFirst() throws IOException {
        Path kernel = SharedMaterial.require("bench/wasm").resolve("sieve.wasm");
        Path out = dir.resolve("sieve.wasm");
        assertEquals(0, CliRun.of("compile", kernel.toString(), "-o", out.toString()).exit());
        byte[] original = Files.readAllBytes(kernel);
        byte[] written = Files.readAllBytes(out);
        assertTrue(written.length > original.length);
        assertArrayEquals(original, java.util.Arrays.copyOf(written, original.length));
        // compiling its own output again gives the same file (the old section is replaced)
        Path again = dir.resolve("again.wasm");
        assertEquals(0, CliRun.of("compile", out.toString(), "-o", again.toString()).exit());
        assertArrayEquals(written, Files.readAllBytes(again));
    }

    @Test
    void errorsAreOneLine() throws IOException {
        CliRun missing = CliRun.of("compile", dir.resolve("nope.wasm").toString(), "-o", dir.resolve("o").toString());
        assertEquals(1, missing.exit());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().startsWith("ssvm: error: no such file"), missing.err());

        Path invalid = Files.writeString(dir.resolve("bad.wat"), "(module (func (result i32)))");
        CliRun bad = CliRun.of("compile", invalid.toString(), "-o", dir.resolve("o").toString());
        assertEquals(1, bad.exit());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().startsWith("ssvm: error: " + invalid), bad.err());
        assertTrue(Files.notExists(dir.resolve("o")));

        CliRun noOutput = CliRun.of("compile", invalid.toString());
        assertEquals(2, noOutput.exit());
        assertEquals(1, noOutput.errLines().size(), noOutput.err());
    }

    @Test
    void helpDescribesTheSectionAndFitsATerminal() {
        CliRun r = CliRun.of("compile", "--help");
        assertEquals(0, r.exit());
        for (String expected : new String[] {"ssvm.aot", "--output=OUT", "IN", "trust", "Example:"}) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in\n" + r.out());
        }
        r.out().lines().forEach(line -> assertTrue(line.length() <= 80, "longer than 80 columns: " + line));
        assertTrue(CliRun.of("--help").out().contains("  compile "));
    }
}

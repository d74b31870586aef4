package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.DataSegment;
import org.ssvm.model.Export;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.Limits;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.ValType;

/** {@code ssvm wat2wasm}, run through the command line on in-memory streams (see {@link CliRun}). */
class Wat2WasmCommandTest {
    private static final String ADD = """
            (module
              (memory (export "mem") 1 2)
              (func $add (export "add") (param i32 i32) (result i32)
                (i32.add (local.get 0) (local.get 1)))
              (data (i32.const 8) "hi"))
            """;

    @TempDir
    Path dir;

    /** What one run of the command line printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    /**
     * Runs the command line on in-memory streams: {@link Main#execute(String...)} writes to the process's file
     * descriptors, which {@code System.setOut} does not capture.
     */
    private static Run ssvm(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheBinaryModule() throws IOException {
        Path in = write("add.wat", ADD);
        Path out = dir.resolve("add.wasm");
        Run r = ssvm("wat2wasm", in.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());

        Module m = ModuleDecoder.decode(Files.readAllBytes(out));
        FuncType binop = FuncType.of(new ValType[] {ValType.I32, ValType.I32}, ValType.I32);
        assertEquals(List.of(binop), m.types());
        assertEquals(List.of(0), m.functions());
        assertEquals(List.of(new Export("mem", ExternKind.MEMORY, 0), new Export("add", ExternKind.FUNC, 0)),
                m.exports());
        assertEquals(Limits.of(1, 2), m.memories().getFirst().limits());
        assertEquals("200020016a0b", HexFormat.of().formatHex(m.bodies().getFirst().code()));
        assertEquals(0, m.bodies().getFirst().locals().length);
        DataSegment d = m.data().getFirst();
        assertEquals(SegmentMode.ACTIVE, d.mode());
        assertArrayEquals(new byte[] {0x41, 8, 0x0B}, d.offset().code());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), d.bytes());
    }

    @Test
    void theWrittenModuleRuns() throws IOException {
        Path out = dir.resolve("add.wasm");
        assertEquals(0, ssvm("wat2wasm", write("add.wat", ADD).toString(), "--output", out.toString()).exit());
        Run r = ssvm("run", "--invoke", "add", out.toString(), "40", "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals("42", r.out().strip());
    }

    @Test
    void missingInputFile() {
        Path out = dir.resolve("x.wasm");
        Run r = ssvm("wat2wasm", dir.resolve("nope.wat").toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("ssvm: error: no such file: "), r.err());
        assertTrue(r.err().contains("nope.wat"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void malformedTextNamesFileLineAndColumn() throws IOException {
        Path in = write("bad.wat", "(module\n  (func\n    i32.const 1\n    i32.bogus))\n");
        Path out = dir.resolve("bad.wasm");
        Run r = ssvm("wat2wasm", in.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        String err = r.err().strip();
        assertTrue(err.startsWith("ssvm: error: " + in + ": unknown operator"), err);
        assertTrue(err.contains(" 4:5"), "line:column of i32.bogus expected: " + err);
        assertTrue(err.lines().count() == 1, "one line, no stack trace: " + err);
        assertFalse(Files.exists(out));
    }

    @Test
    void unbalancedParenthesesAreMalformed() throws IOException {
        Path in = write("open.wat", "(module\n  (func (nop)\n");
        Run r = ssvm("wat2wasm", in.toString(), "-o", dir.resolve("open.wasm").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("ssvm: error: " + in + ": "), r.err());
        assertTrue(r.err().matches("(?s).* \\d+:\\d+.*"), "line:column expected: " + r.err());
    }

    @Test
    void invalidModuleIsRejectedUnlessNoCheck() throws IOException {
        // well-formed text, but the body leaves nothing for its i32 result
        Path in = write("invalid.wat", "(module (func (result i32) (nop)))");
        Path out = dir.resolve("invalid.wasm");
        Run r = ssvm("wat2wasm", in.toString(), "-o", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("ssvm: error: type mismatch"), r.err());
        assertFalse(Files.exists(out));

        Run unchecked = ssvm("wat2wasm", "--no-check", in.toString(), "-o", out.toString());
        assertEquals(0, unchecked.exit(), unchecked.err());
        Module m = ModuleDecoder.decode(Files.readAllBytes(out));
        assertEquals("010b", HexFormat.of().formatHex(m.bodies().getFirst().code()));
    }

    @Test
    void outputIsRequired() throws IOException {
        Run r = ssvm("wat2wasm", write("add.wat", ADD).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required option: '--output=OUT'"), r.err());
    }
}

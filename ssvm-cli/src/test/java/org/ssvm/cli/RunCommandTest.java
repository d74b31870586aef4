package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssvm run} as a user meets it, through {@link Main#execute(ProcessStreams, String...)}: options, what
 * the program prints, exit codes, and the one-line errors.
 */
class RunCommandTest {
    private static final String FUNCTIONS = """
            (module
              (func (export "add32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
              (func (export "mulf32") (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
              (func (export "divf64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
              (func (export "pair") (result i32 i64) (i32.const -1) (i64.const 9000000000))
              (func (export "nothing"))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func $forever (export "forever") (call $forever))
              (func (export "boom") unreachable))
            """;

    @TempDir
    Path tmp;

    private final String probe = CliRun.resource("wasi/probe.wasm").toString();

    @Test
    void programArgumentsReachTheProgram() {
        CliRun r = CliRun.of("run", probe, "one", "two words", "--not-an-option");
        assertEquals(0, r.exit(), r.err());
        assertEquals("argc=4\nargv[1]=one\nargv[2]=two words\nargv[3]=--not-an-option\n", r.out());
    }

    @Test
    void compiledCodeIsCachedUnlessToldNot() throws IOException {
        Path cache = tmp.resolve("cache");
        CliRun first = CliRun.of("run", "--cache-dir", cache.toString(), probe, "x");
        assertEquals("argc=2\nargv[1]=x\n", first.out(), first.err());
        List<Path> entries;
        try (Stream<Path> files = Files.list(cache)) {
            entries = files.toList();
        }
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(first.out(), CliRun.of("run", "--cache-dir", cache.toString(), probe, "x").out(), "from cache");

        Path unused = tmp.resolve("unused");
        CliRun uncached = CliRun.of("run", "--no-cache", "--cache-dir", unused.toString(), probe, "x");
        assertEquals(first.out(), uncached.out(), uncached.err());
        assertTrue(Files.notExists(unused), "--no-cache writes nothing");
        CliRun interpreted = CliRun.of("run", "--engine", "interpreter", "--cache-dir", unused.toString(), probe);
        assertEquals(0, interpreted.exit(), interpreted.err());
        assertTrue(Files.notExists(unused), "the interpreter compiles nothing to keep");
    }

    @Test
    void optionsAfterTheFileBelongToTheProgram() {
        CliRun r = CliRun.of("run", probe, "--env", "X=1", "--help");
        assertEquals(0, r.exit(), r.err());
        assertEquals("argc=4\nargv[1]=--env\nargv[2]=X=1\nargv[3]=--help\n", r.out());
    }

    @Test
    void environmentVariablesAreOnlyThoseGiven() {
        CliRun r = CliRun.of("run", "--env", "GREETING=hello=world", "--env", "EMPTY=", probe,
                "env", "GREETING", "env", "EMPTY", "env", "HOME");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().endsWith("GREETING=hello=world\nEMPTY=\nHOME=(unset)\n"), r.out());
    }

    @Test
    void exitCodeComesFromProcExit() {
        CliRun r = CliRun.of("run", probe, "exit", "42");
        assertEquals(42, r.exit());
        assertTrue(r.out().startsWith("argc=3\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void programReadsStdinAndItsPromptIsShownBeforeTheRead() {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        StringBuilder seenAtRead = new StringBuilder();
        InputStream keyboard = new ByteArrayInputStream("Ada\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (seenAtRead.isEmpty()) {
                    seenAtRead.append(screen.toString(StandardCharsets.UTF_8));
                }
                return super.read(b, off, len);
            }
        };
        int exit = Main.execute(ProcessStreams.buffered(keyboard, screen, new ByteArrayOutputStream()),
                "run", probe, "ask");
        assertEquals(0, exit);
        assertEquals("argc=2\nargv[1]=ask\nname? ", seenAtRead.toString(), "the prompt is shown before the read");
        assertEquals("argc=2\nargv[1]=ask\nname? hello Ada\n", screen.toString(StandardCharsets.UTF_8));
    }

    @Test
    void programStderrGoesToStderr() {
        CliRun r = CliRun.of("run", probe, "stderr", "to the error stream");
        assertEquals(0, r.exit());
        assertEquals("to the error stream\n", r.err());
        assertEquals("argc=3\nargv[1]=stderr\nargv[2]=to the error stream\n", r.out());
    }

    @Test
    void programTrapExits134WithTheMessageAndAWasmBacktraceButNoJavaStackTrace() {
        CliRun r = CliRun.of("run", probe, "trap");
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit());
        assertEquals("argc=2\nargv[1]=trap\n", r.out(), "output before the trap is kept");
        assertTrapReport(r, "unreachable");
    }

    @Test
    void dirHostDoubleColonGuest() throws IOException {
        Path host = Files.createDirectory(tmp.resolve("host"));
        CliRun r = CliRun.of("run", "--dir", host + "::/sandbox", CliRun.resource("wasi/fsops.wasm").toString(),
                "/sandbox");
        assertFsopsRan(r, host);
    }

    @Test
    void dirGuestColonHost() throws IOException {
        Path host = Files.createDirectory(tmp.resolve("host"));
        CliRun r = CliRun.of("run", "--dir", "/data:" + host, CliRun.resource("wasi/fsops.wasm").toString(), "/data");
        assertFsopsRan(r, host);
    }

    @Test
    void dirSamePathOnBothSides() throws IOException {
        Path host = Files.createDirectory(tmp.resolve("host"));
        CliRun r = CliRun.of("run", "--dir", host.toString(), CliRun.resource("wasi/fsops.wasm").toString(),
                host.toString());
        assertFsopsRan(r, host);
    }

    @Test
    void withoutDirTheProgramSeesNoFiles() throws IOException {
        Path host = Files.createDirectory(tmp.resolve("host"));
        CliRun r = CliRun.of("run", CliRun.resource("wasi/fsops.wasm").toString(), host.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mkdir top                                ENOTCAPABLE")
                || r.out().contains("mkdir top                                other"), r.out());
        try (Stream<Path> files = Files.list(host)) {
            assertEquals(0, files.count(), "nothing was created outside the sandbox");
        }
    }

    private static void assertFsopsRan(CliRun r, Path host) throws IOException {
        assertEquals(0, r.exit(), r.err());
        assertEquals(FsopsTest.expected(), r.out());
        assertEquals("", r.err());
        try (Stream<Path> files = Files.list(host)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void dirThatDoesNotExistIsAnError() {
        CliRun r = CliRun.of("run", "--dir", tmp.resolve("nope") + "::/x", probe);
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: --dir ");
    }

    @Test
    void envNameAlonePassesOurOwnValue() {
        String path = System.getenv("PATH");
        assertTrue(path != null, "the test needs PATH set");
        CliRun r = CliRun.of("run", "--env", "PATH", "--env", "SSVM_TEST_SURELY_UNSET", probe,
                "env", "PATH", "env", "SSVM_TEST_SURELY_UNSET");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().endsWith("PATH=" + path + "\nSSVM_TEST_SURELY_UNSET=(unset)\n"), r.out());
    }

    @Test
    void envWithoutNameIsAnError() {
        CliRun r = CliRun.of("run", "--env", "=value", probe);
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: --env expects NAME=VALUE");
    }

    @Test
    void aModuleFileWithoutCommandIsRun() {
        CliRun r = CliRun.of(probe, "exit", "3");
        assertEquals(3, r.exit(), r.err());
        assertEquals("argc=3\nargv[1]=exit\nargv[2]=3\n", r.out());
    }

    @Test
    void invokeWithIntegerArguments() throws IOException {
        assertInvoke("3", "add32", "1", "2");
        assertInvoke("-1", "add32", "4294967295", "0");
        assertInvoke("9000000001", "add64", "9000000000", "1");
        assertInvoke("-2", "add64", "-1", "-1");
    }

    @Test
    void invokeWithFloatArguments() throws IOException {
        assertInvoke("3.75", "mulf32", "1.5", "2.5");
        assertInvoke("0.5", "divf64", "1", "2");
        assertInvoke("Infinity", "divf64", "1", "0");
    }

    @Test
    void invokePrintsEveryResultAndNothingForNone() throws IOException {
        assertInvoke("-1\n9000000000", "pair");
        CliRun r = CliRun.of("run", "--invoke", "nothing", functions());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void invokeChecksArguments() throws IOException {
        CliRun count = CliRun.of("run", "--invoke", "add32", functions(), "1");
        assertEquals(1, count.exit());
        assertOneLineError(count, "ssvm: error: add32 takes 2 arguments");
        CliRun type = CliRun.of("run", "--invoke", "add32", functions(), "1", "x");
        assertEquals(1, type.exit());
        assertOneLineError(type, "ssvm: error: 'x' is not a valid");
        CliRun missing = CliRun.of("run", "--invoke", "absent", functions());
        assertEquals(1, missing.exit());
        assertOneLineError(missing, "ssvm: error: no export named absent");
    }

    @Test
    void invokeTraps() throws IOException {
        CliRun unreachable = CliRun.of("run", "--invoke", "boom", functions());
        assertEquals(RunCommand.TRAP_EXIT_CODE, unreachable.exit());
        assertTrapReport(unreachable, "unreachable", "functions.wat!func[8]");
        CliRun divide = CliRun.of("run", "--invoke", "div", functions(), "1", "0");
        assertEquals(RunCommand.TRAP_EXIT_CODE, divide.exit());
        assertTrapReport(divide, "integer divide by zero", "functions.wat!func[6]");
        CliRun recursion = CliRun.of("run", "--invoke", "forever", functions());
        assertEquals(RunCommand.TRAP_EXIT_CODE, recursion.exit());
        assertTrapReport(recursion, "call stack exhausted", "functions.wat!forever", "functions.wat!forever");
    }

    @Test
    void moduleWithoutStartNeedsInvoke() throws IOException {
        CliRun r = CliRun.of("run", functions());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: ");
        assertTrue(r.err().contains("--invoke"), r.err());
    }

    @Test
    void missingFile() {
        CliRun r = CliRun.of("run", tmp.resolve("absent.wasm").toString());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: no such file: ");
    }

    @Test
    void malformedModule() throws IOException {
        Path bad = tmp.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, (byte) 0x7f, 5});
        CliRun r = CliRun.of("run", bad.toString());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: " + bad + ": ");
    }

    @Test
    void malformedText() throws IOException {
        Path bad = tmp.resolve("bad.wat");
        Files.writeString(bad, "(module (func (export \"f\")");
        CliRun r = CliRun.of("run", bad.toString());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: " + bad + ": ");
    }

    @Test
    void invalidModule() throws IOException {
        Path bad = tmp.resolve("invalid.wat");
        Files.writeString(bad, "(module (func (export \"f\") (result i32) (i64.const 1)))");
        CliRun r = CliRun.of("run", "--invoke", "f", bad.toString());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: ");
        assertTrue(r.err().contains("type mismatch"), r.err());
    }

    @Test
    void unknownImport() throws IOException {
        Path bad = tmp.resolve("import.wat");
        Files.writeString(bad, "(module (import \"env\" \"missing\" (func)) (func (export \"_start\")))");
        CliRun r = CliRun.of("run", bad.toString());
        assertEquals(1, r.exit());
        assertOneLineError(r, "ssvm: error: ");
        assertTrue(r.err().contains("missing"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("run", "--frobnicate", probe);
        assertEquals(2, r.exit());
        assertOneLineError(r, "ssvm: error: Unknown option: '--frobnicate'");
        assertTrue(r.err().contains("ssvm run --help"), r.err());
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        CliRun r = CliRun.of("run");
        assertEquals(2, r.exit());
        assertOneLineError(r, "ssvm: error: Missing required parameter");
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.of("runn", "x");
        assertEquals(2, r.exit());
        assertOneLineError(r, "ssvm: error: unknown command 'runn' (see 'ssvm --help')");
    }

    private void assertInvoke(String expected, String function, String... args) throws IOException {
        String[] command = new String[4 + args.length];
        command[0] = "run";
        command[1] = "--invoke";
        command[2] = function;
        command[3] = functions();
        System.arraycopy(args, 0, command, 4, args.length);
        CliRun r = CliRun.of(command);
        assertEquals(0, r.exit(), r.err());
        assertEquals(expected + "\n", r.out(), function + " " + String.join(" ", args));
        assertEquals("", r.err());
    }

    private String functions() throws IOException {
        Path wat = tmp.resolve("functions.wat");
        if (!Files.exists(wat)) {
            Files.writeString(wat, FUNCTIONS);
        }
        return wat.toString();
    }

    private static final Pattern BACKTRACE_LINE =
            Pattern.compile(" +(\\d+: 0x[0-9a-f]+ - (\\S+)|\\.\\.\\. \\d+ frames? omitted \\.\\.\\.)");

    /**
     * stderr has the trap message, then the Wasm backtrace (whose innermost frames are at {@code innermost}) and
     * nothing else: no Java stack trace.
     */
    private static void assertTrapReport(CliRun r, String message, String... innermost) {
        List<String> lines = r.errLines();
        assertEquals("ssvm: trap: " + message, lines.getFirst(), r.err());
        assertEquals("wasm backtrace:", lines.get(1), r.err());
        assertTrue(lines.size() > 2, "at least one frame: " + r.err());
        for (int i = 2; i < lines.size(); i++) {
            assertTrue(BACKTRACE_LINE.matcher(lines.get(i)).matches(), "not a backtrace line: " + lines.get(i));
        }
        for (int i = 0; i < innermost.length; i++) {
            assertTrue(lines.get(2 + i).endsWith(" - " + innermost[i]), lines.get(2 + i));
        }
    }

    /** The error is a single line starting with {@code prefix}: no usage dump, no Java stack trace. */
    private static void assertOneLineError(CliRun r, String prefix) {
        assertEquals(1, r.errLines().size(), "expected one line on stderr, got:\n" + r.err());
        assertTrue(r.err().startsWith(prefix), "expected '" + prefix + "...', got: " + r.err());
        assertEquals("", r.out());
    }
}

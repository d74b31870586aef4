package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource-limit and statistics options of {@code ssvm run}, run through {@link Main#execute}. */
class RunLimitsTest {
    /** Hostile functions and a small one whose gas is computed by hand (see GasMeteringTest in ssvm-core). */
    private static final String PROGRAMS = """
            (module
              (memory (export "memory") 1)
              (func (export "spin") (loop (br 0)))
              (func $rec (export "rec") (param i32) (result i32)
                (call $rec (i32.add (local.get 0) (i32.const 1))))
              (func (export "hog") (result i32) (local i32)
                (loop
                  (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                  (br_if 0 (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
                (i32.sub (local.get 0) (i32.const 1)))
              ;; regions [loop] [9 instructions ending in br_if] [end] [local.get end]: n=3 costs 1+27+1+2 = 31
              (func (export "sum") (param i32) (result i32) (local i32)
                loop
                  local.get 1 local.get 0 i32.add local.set 1
                  local.get 0 i32.const 1 i32.sub local.tee 0
                  br_if 0
                end
                local.get 1))
            """;

    @TempDir
    Path dir;

    private static CliRun ssvm(String... args) {
        return CliRun.of(args);
    }

    private String programs() throws IOException {
        return write("programs.wat", PROGRAMS);
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toString();
    }

    @Test
    void gasLimitStopsAnEndlessLoop() throws IOException {
        CliRun r = ssvm("run", "--gas-limit", "1000", "--enable-gas-measuring", "--invoke", "spin", programs());
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        assertTrue(r.err().startsWith("ssvm: trap: gas limit exceeded\nwasm backtrace:\n"), r.err());
        assertTrue(r.err().contains("  gas used: 1000\n"), r.err());
    }

    @Test
    void allStatisticsPrintHandComputedCounts() throws IOException {
        CliRun r = ssvm("run", "--engine", "interpreter", "--enable-all-statistics", "--invoke", "sum", programs(),
                "3");
        assertEquals(0, r.exit(), r.err());
        assertEquals("6", r.out().strip());
        assertTrue(r.err().startsWith("ssvm: statistics\n  execution time: "), r.err());
        assertTrue(r.err().contains("  instructions executed: 31\n"), r.err());
        assertTrue(r.err().contains("  instructions per second: "), r.err());
        assertTrue(r.err().contains("  gas used: 31\n"), r.err());
        assertTrue(r.err().contains("  instructions by kind:\n    local.get 10\n    br_if 3\n"), r.err());
        assertTrue(r.err().endsWith("    end 2\n    loop 1\n"), r.err());

        // the default engine, the compiler, counts the same, per kind too
        CliRun compiled = ssvm("run", "--enable-all-statistics", "--invoke", "sum", programs(), "3");
        assertEquals(0, compiled.exit(), compiled.err());
        assertEquals("6", compiled.out().strip());
        assertEquals(withoutTimes(r.err()), withoutTimes(compiled.err()));
    }

    /** Statistics without the lines that depend on the clock. */
    private static String withoutTimes(String statistics) {
        return statistics.lines().filter(l -> !l.contains("time") && !l.contains("per second"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void eachStatisticFlagPrintsOnlyItsOwnLine() throws IOException {
        CliRun count = ssvm("run", "--enable-instruction-count", "--invoke", "sum", programs(), "1");
        assertEquals("ssvm: statistics\n  instructions executed: 13\n", count.err());
        CliRun gas = ssvm("run", "--enable-gas-measuring", "--invoke", "sum", programs(), "1");
        assertEquals("ssvm: statistics\n  gas used: 13\n", gas.err());
        CliRun time = ssvm("run", "--enable-time-measuring", "--invoke", "sum", programs(), "1");
        assertTrue(time.err().matches("ssvm: statistics\n  execution time: [0-9.]+ ms\n"), time.err());
        CliRun none = ssvm("run", "--invoke", "sum", programs(), "1");
        assertEquals("", none.err());
        assertEquals("1", none.out().strip());
    }

    @Test
    void gasCostTableFromAFile() throws IOException {
        String table = write("costs.txt", "# weights\ndefault 2\ni32.add 10\n");
        CliRun r = ssvm("run", "--gas-cost-table", table, "--enable-all-statistics", "--invoke", "sum", programs(),
                "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("  gas used: " + (2 + 3 * (8 * 2 + 10) + 2 + 4) + "\n"), r.err());
        assertTrue(r.err().contains("  instructions executed: 31\n"), r.err());
    }

    @Test
    void badCostTableIsAnErrorNamingFileAndLine() throws IOException {
        String table = write("bad.txt", "default 1\ni32.frob 3\n");
        CliRun r = ssvm("run", "--gas-cost-table", table, "--invoke", "sum", programs(), "3");
        assertEquals(1, r.exit());
        assertEquals("ssvm: error: --gas-cost-table " + table + ": line 2: unknown instruction 'i32.frob'",
                r.err().strip());
        CliRun missing = ssvm("run", "--gas-cost-table", dir.resolve("none.txt").toString(), "--invoke", "sum",
                programs(), "3");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("ssvm: error: --gas-cost-table: cannot read "), missing.err());
    }

    @Test
    void memoryPageLimitStopsUnboundedGrowth() throws IOException {
        CliRun r = ssvm("run", "--memory-page-limit", "8", "--invoke", "hog", programs());
        assertEquals(0, r.exit(), r.err());
        assertEquals("7", r.out().strip(), "1 page to start with, 7 grown, then memory.grow answers -1");
    }

    @Test
    void moduleNeedingMoreMemoryThanTheLimitFailsToInstantiate() throws IOException {
        String big = write("big.wat", "(module (memory 10) (func (export \"f\")))");
        CliRun r = ssvm("run", "--memory-page-limit", "4", "--invoke", "f", big);
        assertEquals(1, r.exit());
        assertEquals("ssvm: error: memory 0 needs 10 pages, more than the memory page limit of 4", r.err().strip());
    }

    @Test
    void timeLimitStopsAWasiProgramInATightLoop() throws IOException {
        String prog = write("forever.wat", "(module (memory (export \"memory\") 1) (func (export \"_start\") (loop (br 0))))");
        CliRun r = ssvm("run", "--time-limit", "100", "--enable-time-measuring", prog);
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        // the trap line, its Wasm backtrace, then the statistics
        assertTrue(r.err().startsWith("ssvm: trap: time limit exceeded\nwasm backtrace:\n"), r.err());
        assertTrue(r.err().contains("\nssvm: statistics\n  execution time: "), r.err());
        CliRun metered = ssvm("run", "--time-limit", "100", "--enable-all-statistics", prog);
        assertEquals(RunCommand.TRAP_EXIT_CODE, metered.exit(), metered.err());
        assertTrue(metered.err().startsWith("ssvm: trap: time limit exceeded\n"), metered.err());
        assertFalse(metered.err().contains("gas used: 0\n"), "the loop ran and was counted: " + metered.err());
    }

    @Test
    void maxCallDepthStopsEndlessRecursion() throws IOException {
        CliRun r = ssvm("run", "--max-call-depth", "1000", "--invoke", "rec", programs(), "0");
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        assertTrue(r.err().startsWith("ssvm: trap: call stack exhausted\nwasm backtrace:\n"), r.err());
    }

    @Test
    void theCompilerEnforcesTheSameLimits() throws IOException {
        CliRun r = ssvm("run", "--engine", "compiler", "--gas-limit", "10", "--invoke", "sum", programs(), "3");
        assertEquals(RunCommand.TRAP_EXIT_CODE, r.exit(), r.err());
        assertTrue(r.err().startsWith("ssvm: trap: gas limit exceeded\n"), r.err());
        assertEquals(List.of("6"), ssvm("run", "--engine", "compiler", "--memory-page-limit", "4", "--invoke",
                "sum", programs(), "3").out().lines().toList(), "the memory limit works on every engine");
    }

    @Test
    void negativeLimitsAreRejected() throws IOException {
        assertEquals(1, ssvm("run", "--gas-limit", "-1", "--invoke", "spin", programs()).exit());
        assertEquals(1, ssvm("run", "--memory-page-limit", "-1", "--invoke", "spin", programs()).exit());
        assertEquals(1, ssvm("run", "--time-limit", "0", "--invoke", "spin", programs()).exit());
    }
}

package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli-free reading of {@code ssvm run} agrees with picocli's, and leaves picocli everything else. */
class QuickRunParserTest {
    /** Command lines, words separated by spaces, that both parsers must read the same. */
    @ParameterizedTest
    @ValueSource(strings = {
        "run app.wasm",
        "app.wasm",
        "app.wat 1 2 3",
        "run --engine interpreter app.wasm a b",
        "run --engine=COMPILER app.wasm",
        "run --dir . --dir /tmp::/t --dir=a:b --env A=1 --env=B app.wasm --help -x",
        "run --invoke add math.wat 1 2",
        "run --cache-dir /tmp/c --no-cache app.wasm",
        "run --cache-dir=here app.wasm",
        "run --gas-limit 1000 --gas-cost-table costs.txt --memory-page-limit 010 --time-limit 500 app.wasm",
        "run --max-call-depth 5000 --gas-limit=-5 app.wasm",
        "run --gas-limit -5 app.wasm",
        "run --enable-instruction-count --enable-gas-measuring --enable-time-measuring app.wasm",
        "run --enable-opcode-count --enable-all-statistics --verbose app.wasm --verbose",
        "run app.wasm -- x",
    })
    void agreesWithPicocli(String commandLine) {
        String[] args = commandLine.split(" ");
        RunCommand quick = QuickRunParser.parse(args);
        assertNotNull(quick, "the quick parser reads " + commandLine);
        assertEquals(fields(picocli(args)), fields(quick), commandLine);
    }

    /** Shapes the quick parser leaves to picocli, which gives the help or the usage error. */
    @ParameterizedTest
    @ValueSource(strings = {
        "", "--help", "--version", "run", "run --help", "run -h app.wasm", "run --gas-limit", "run --gas-limit x a.wasm",
        "run --engine jit a.wasm", "run --enable-gas-measuring=true a.wasm", "run --typo a.wasm", "run -- a.wasm",
        "run --env --verbose a.wasm", "wast a.wast", "help run", "compile a.wasm -o b.wasm", "run --memory-page-limit 0x10 a.wasm"
    })
    void leavesTheRestToPicocli(String commandLine) {
        assertNull(QuickRunParser.parse(commandLine.isEmpty() ? new String[0] : commandLine.split(" ")), commandLine);
    }

    @Test
    void knowsEveryOptionOfRun() {
        CommandLine run = newCli().getSubcommands().get("run");
        List<String> unknown = new ArrayList<>();
        for (OptionSpec option : run.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            List<String> expected = option.arity().max() == 0 ? QuickRunParser.FLAG_OPTIONS : QuickRunParser.VALUE_OPTIONS;
            if (!expected.contains(option.longestName())) {
                unknown.add(option.longestName());
            }
        }
        assertTrue(unknown.isEmpty(), "options of 'ssvm run' the quick parser does not know: " + unknown);
        assertEquals(run.getCommandSpec().options().size() - 2,
                QuickRunParser.FLAG_OPTIONS.size() + QuickRunParser.VALUE_OPTIONS.size(), "no option it knows is gone");
    }

    @Test
    void commandNamesAreMainsSubcommands() {
        assertEquals(newCli().getSubcommands().keySet(), java.util.Set.copyOf(QuickRunParser.COMMANDS));
    }

    private static CommandLine newCli() {
        ProcessStreams streams = new ProcessStreams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        CommandLine cli = new CommandLine(new Main(streams));
        cli.getSubcommands().get("run").setStopAtPositional(true);
        return cli;
    }

    private static RunCommand picocli(String[] args) {
        String[] withRun = args[0].equals("run") ? args : prepend("run", args);
        CommandLine.ParseResult parsed = newCli().parseArgs(withRun);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static List<Object> fields(RunCommand r) {
        return List.of(r.dirs, r.env, String.valueOf(r.invoke), r.engine, String.valueOf(r.gasLimit),
                String.valueOf(r.gasCostTable), String.valueOf(r.memoryPageLimit), String.valueOf(r.timeLimitMillis),
                String.valueOf(r.maxCallDepth), r.instructionCount, r.gasMeasuring, r.timeMeasuring, r.opcodeCount,
                r.allStatistics, r.verbose, r.file, r.args, String.valueOf(r.cacheDir), r.noCache);
    }
}

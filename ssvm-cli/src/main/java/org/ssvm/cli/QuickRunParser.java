package org.ssvm.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ssvm.EngineKind;

/**
 * Reads a well-formed {@code ssvm run} command line without picocli. Building picocli's model of the commands
 * takes about 100 ms of a cold JVM (its classes are Java 5 class files, which the JDK's AOT cache cannot hold),
 * longer than running a small WASI program. {@code ssvm run} is the command users start over and over, so its
 * usual shapes skip that cost; everything else (help, a misspelt option, a bad value, the other commands) gets
 * {@code null} here and goes to picocli, which parses and reports it the one documented way.
 *
 * <p>Options are those of {@link RunCommand}, as {@code --name value} or {@code --name=value}, before FILE.
 * {@code QuickRunParserTest} checks that this parser and picocli agree.
 */
final class QuickRunParser {
    /** Options taking a value; every other known option is a flag. */
    static final List<String> VALUE_OPTIONS = List.of("--dir", "--env", "--invoke", "--engine", "--cache-dir",
            "--gas-limit", "--gas-cost-table", "--memory-page-limit", "--time-limit", "--max-call-depth");
    static final List<String> FLAG_OPTIONS = List.of("--no-cache", "--enable-instruction-count",
            "--enable-gas-measuring", "--enable-time-measuring", "--enable-opcode-count", "--enable-all-statistics",
            "--verbose");

    /** The first words that name a command rather than a module to run. */
    static final List<String> COMMANDS = List.of("run", "compile", "wast", "wat2wasm", "help");

    private QuickRunParser() {
    }

    /** The run these arguments ask for, or {@code null} when picocli must read them. */
    static RunCommand parse(String[] args) {
        int i;
        if (args.length > 0 && args[0].equals("run")) {
            i = 1;
        } else if (args.length > 0 && !args[0].startsWith("-") && !COMMANDS.contains(args[0])
                && Main.looksLikeModule(args[0])) {
            i = 0; // `ssvm app.wasm` is short for `ssvm run app.wasm`
        } else {
            return null;
        }
        RunCommand run = new RunCommand();
        run.engine = EngineKind.COMPILER;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAG_OPTIONS.contains(name)) {
                if (value != null || !setFlag(run, name)) {
                    return null;
                }
                continue;
            }
            if (!VALUE_OPTIONS.contains(name)) {
                return null; // --help, --version, "--", a typo: picocli's to answer
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    return null; // picocli says which value is missing
                }
                value = args[++i];
            }
            if (!setValue(run, name, value)) {
                return null;
            }
        }
        if (i >= args.length) {
            return null; // no FILE: picocli reports it
        }
        run.file = Path.of(args[i]);
        run.args.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return run;
    }

    private static boolean setFlag(RunCommand run, String name) {
        switch (name) {
            case "--no-cache" -> run.noCache = true;
            case "--enable-instruction-count" -> run.instructionCount = true;
            case "--enable-gas-measuring" -> run.gasMeasuring = true;
            case "--enable-time-measuring" -> run.timeMeasuring = true;
            case "--enable-opcode-count" -> run.opcodeCount = true;
            case "--enable-all-statistics" -> run.allStatistics = true;
            case "--verbose" -> run.verbose = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean setValue(RunCommand run, String name, String value) {
        try {
            switch (name) {
                case "--dir" -> run.dirs.add(value);
                case "--env" -> run.env.add(value);
                case "--invoke" -> run.invoke = value;
                case "--engine" -> run.engine = EngineKind.valueOf(value.toUpperCase(Locale.ROOT));
                case "--cache-dir" -> run.cacheDir = Path.of(value);
                case "--gas-limit" -> run.gasLimit = Long.valueOf(value);
                case "--gas-cost-table" -> run.gasCostTable = Path.of(value);
                case "--memory-page-limit" -> run.memoryPageLimit = Long.valueOf(value);
                case "--time-limit" -> run.timeLimitMillis = Long.valueOf(value);
                case "--max-call-depth" -> run.maxCallDepth = Integer.valueOf(value);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) { // a bad number, engine or path: picocli words the error
            return false;
        }
    }
}

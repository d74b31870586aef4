package org.ssvm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ssvm.wast.FileResult;
import org.ssvm.wast.WastRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssvm wast}: runs WebAssembly spec-test scripts and reports every assertion. */
@Command(
        name = "wast",
        mixinStandardHelpOptions = true,
        description = {
            "Run WAST conformance scripts (the WebAssembly spec test format).",
            "Prints one line per file and, last, '<N> passed, <M> failed, <K> skipped' over all assertions.",
            "Exits 0 when nothing failed."})
final class WastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--engine", paramLabel = "KIND", defaultValue = "compiler",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = EngineOption.class, completionCandidates = EngineOption.Names.class)
    org.ssvm.EngineKind engine;

    @Option(names = {"-v", "--verbose"}, description = "Print every failure, not only the first few per file.")
    boolean verbose;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .wast scripts to run.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WastRunner runner = new WastRunner(engine);
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            FileResult r = runner.run(file);
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
            out.printf("%s %s: %d passed, %d failed, %d skipped%n", r.failed() == 0 ? "ok  " : "FAIL",
                    file, r.passed(), r.failed(), r.skipped());
            List<String> shown = verbose ? r.failures() : r.failures().stream().limit(5).toList();
            shown.forEach(f -> out.println("      " + f));
            if (shown.size() < r.failures().size()) {
                out.printf("      ... %d more (use --verbose)%n", r.failures().size() - shown.size());
            }
            out.flush();
        }
        out.printf("%d passed, %d failed, %d skipped%n", passed, failed, skipped);
        return failed == 0 ? 0 : 1;
    }
}

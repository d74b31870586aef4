package org.ssvm.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ssvm.DecodeException;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.Module;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.text.wast.Command;
import org.ssvm.text.wast.ModuleSource;
import org.ssvm.text.wast.Wast;

/**
 * Parse-speed benchmark of the text format: parses every script of the 2.0 spec suite, and every quoted
 * module in it, a number of times, and prints the time per pass. Not a unit test (nothing is asserted about
 * time); run it by hand after building the test classes:
 *
 * <pre>
 * ./mvnw -B -q -o -pl ssvm-text -am test-compile
 * java -cp ssvm-core/target/classes:ssvm-core/target/test-classes:ssvm-text/target/classes:ssvm-text/target/test-classes \
 *     -Dssvm.shared=../shared org.ssvm.text.ParseBenchmark [passes [warm-up passes]]
 * </pre>
 *
 * The scripts are read into memory first, so file I/O is not measured. Quoted modules under
 * {@code assert_malformed} are expected to fail; their (exception-throwing) parse is part of the pass. A
 * second figure encodes every parsed text module to binary, the rest of what {@code ssvm wat2wasm} does.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir;
        try {
            dir = SharedMaterial.require("testsuite/wasm-2.0");
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long chars = 0;
        for (Path f : files) {
            names.add(f.getFileName().toString());
            texts.add(Files.readString(f, StandardCharsets.UTF_8));
            chars += texts.getLast().length();
        }
        System.out.printf("%d scripts, %.1f MB of text, from %s; %d warm-up passes, %d measured%n",
                files.size(), chars / 1e6, dir, warmup, passes);

        Counts counts = null;
        for (int i = 0; i < warmup; i++) {
            counts = parseAll(names, texts);
        }
        long[] times = new long[passes];
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            counts = parseAll(names, texts);
            times[i] = System.nanoTime() - t0;
        }
        System.out.printf("per pass: %d text modules, %d quoted modules parsed, %d quoted modules rejected%n",
                counts.text, counts.quotedOk, counts.quotedRejected);
        report("parse", times, chars);

        List<Module> modules = counts.modules;
        long[] encodeTimes = new long[passes];
        for (int i = 0; i < warmup + passes; i++) {
            long t0 = System.nanoTime();
            long bytes = 0;
            for (Module m : modules) {
                bytes += ModuleEncoder.encode(m).length;
            }
            if (i >= warmup) {
                encodeTimes[i - warmup] = System.nanoTime() - t0;
            }
            if (bytes == 0) {
                throw new IllegalStateException("nothing encoded");
            }
        }
        report("encode " + modules.size() + " text modules", encodeTimes, 0);
    }

    /** What one pass parsed; the text modules of the last pass are kept for the encoding figure. */
    private record Counts(int text, int quotedOk, int quotedRejected, List<Module> modules) {
    }

    private static Counts parseAll(List<String> names, List<String> texts) {
        int text = 0;
        int quotedOk = 0;
        int quotedRejected = 0;
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (Command c : Wast.parse(texts.get(i), names.get(i)).commands()) {
                ModuleSource src = switch (c) {
                    case Command.DefineModule d -> d.module().source();
                    case Command.AssertTrap a -> a.module() != null ? a.module().source() : null;
                    case Command.AssertInvalid a -> a.module().source();
                    case Command.AssertMalformed a -> a.module().source();
                    case Command.AssertUnlinkable a -> a.module().source();
                    case Command.AssertUninstantiable a -> a.module().source();
                    default -> null;
                };
                if (src instanceof ModuleSource.Text t) {
                    text++;
                    modules.add(t.module());
                } else if (src instanceof ModuleSource.Quote q) {
                    try {
                        Wat.parseModule(q.text());
                        quotedOk++;
                    } catch (DecodeException e) {
                        quotedRejected++;
                    }
                }
            }
        }
        return new Counts(text, quotedOk, quotedRejected, modules);
    }

    private static void report(String what, long[] nanos, long chars) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double best = sorted[0] / 1e6;
        double mean = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf("%s: median %.1f ms per pass, best %.1f ms, mean %.1f ms", what, median, best, mean);
        if (chars > 0) {
            System.out.printf(" (%.1f MB/s at the median)", chars / 1e6 / (median / 1e3));
        }
        System.out.println();
    }
}

package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.testing.SharedMaterial;
import org.ssvm.text.wast.Command;
import org.ssvm.text.wast.ModuleDef;
import org.ssvm.text.wast.ModuleSource;
import org.ssvm.text.wast.Script;
import org.ssvm.text.wast.Wast;

/**
 * Parses every script of the WebAssembly 2.0 spec suite, and every text and quoted module in it: well-formed
 * modules must parse, quoted modules under {@code assert_malformed} must be rejected.
 */
class SpecSuiteParseTest {

    static Path suiteDir() {
        return SharedMaterial.require("testsuite/wasm-2.0");
    }

    static List<Path> suiteFiles() throws IOException {
        try (Stream<Path> s = Files.list(suiteDir())) {
            return s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }

    /** Parses everything again (scripts and quoted modules) once the JIT has seen the code; returns ms. */
    private static long timeWarmParse(List<Path> files, List<String> texts) {
        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            try {
                for (Command c : Wast.parse(texts.get(i), files.get(i).toString()).commands()) {
                    if (c instanceof Command.AssertMalformed m && m.module().source() instanceof ModuleSource.Quote q) {
                        try {
                            Wat.parseModule(q.text());
                        } catch (DecodeException expected) {
                            // counted in the main pass
                        }
                    }
                }
            } catch (DecodeException e) {
                // reported by the main pass
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** A non-DecodeException is a parser bug: keep where it came from. */
    static String describe(RuntimeException e) {
        if (e instanceof DecodeException) {
            return e.getMessage();
        }
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? " at " + st[0] + (st.length > 1 ? " < " + st[1] : "") : "");
    }

    @Test
    void parsesWholeSuite() throws IOException {
        List<Path> files = suiteFiles();
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        int scripts = 0;
        int commands = 0;
        int textModules = 0;
        int quotedOk = 0;
        int malformedRejected = 0;
        List<String> problems = new ArrayList<>();
        List<String> otherWording = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            Script script;
            try {
                script = Wast.parse(texts.get(i), name);
            } catch (RuntimeException e) {
                problems.add(describe(e));
                continue;
            }
            scripts++;
            for (Command c : script.commands()) {
                commands++;
                ModuleDef m = switch (c) {
                    case Command.DefineModule d -> d.module();
                    case Command.AssertInvalid a -> a.module();
                    case Command.AssertUnlinkable a -> a.module();
                    case Command.AssertUninstantiable a -> a.module();
                    case Command.AssertTrap a -> a.module();
                    case Command.AssertMalformed a -> a.module();
                    default -> null;
                };
                if (m == null) {
                    continue;
                }
                boolean malformed = c instanceof Command.AssertMalformed;
                switch (m.source()) {
                    case ModuleSource.Text t -> textModules++;
                    case ModuleSource.Quote q -> {
                        try {
                            Wat.parseModule(q.text());
                            if (malformed) {
                                problems.add(name + ":" + c.line() + ": malformed module was accepted: "
                                        + ((Command.AssertMalformed) c).message());
                            } else {
                                quotedOk++;
                            }
                        } catch (RuntimeException e) {
                            if (!(e instanceof DecodeException)) {
                                problems.add(name + ":" + c.line() + ": " + describe(e));
                            } else if (malformed) {
                                malformedRejected++;
                                String want = ((Command.AssertMalformed) c).message();
                                if (!e.getMessage().startsWith(want)) {
                                    otherWording.add(name + ":" + c.line() + ": expected '" + want + "', got '"
                                            + e.getMessage() + "'");
                                }
                            } else {
                                problems.add(name + ":" + c.line() + ": " + e.getMessage());
                            }
                        }
                    }
                    case ModuleSource.Binary b -> { }
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long warmMs = timeWarmParse(files, texts);
        System.out.printf("spec suite: %d/%d scripts, %d commands, %d text modules, %d quoted modules parsed,"
                        + " %d malformed quoted modules rejected; total parse time %d ms (first run), %d ms (second run)%n",
                scripts, files.size(), commands, textModules, quotedOk, malformedRejected, ms, warmMs);
        System.out.printf("%d malformed modules rejected with other wording than the reference interpreter%n",
                otherWording.size());
        otherWording.forEach(System.out::println);
        problems.forEach(System.out::println);
        assertEquals(148, files.size(), "the 2.0 suite has 148 scripts");
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
                + (problems.isEmpty() ? "" : problems.getFirst()));
    }
}

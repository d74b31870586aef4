package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.text.wast.Command;
import org.ssvm.text.wast.ModuleSource;
import org.ssvm.text.wast.Wast;

/**
 * Damaged input must be reported as malformed, never crash the parser: randomly mutated spec scripts either
 * parse or throw {@link DecodeException}.
 */
class MutationRobustnessTest {

    @Test
    void mutatedScriptsFailOnlyWithDecodeException() throws IOException {
        List<Path> small = new ArrayList<>();
        for (Path p : SpecSuiteParseTest.suiteFiles()) {
            if (Files.size(p) < 40_000) {
                small.add(p);
            }
        }
        Random rnd = new Random(20261125);
        List<String> crashes = new ArrayList<>();
        int runs = 0;
        String noise = "()$\";.0xp_-";
        for (Path p : small) {
            String text = Files.readString(p);
            for (int k = 0; k < 30; k++) {
                int i = rnd.nextInt(text.length());
                int end = Math.min(text.length(), i + rnd.nextInt(8));
                String mutated = switch (rnd.nextInt(3)) {
                    case 0 -> text.substring(0, i) + text.substring(end);
                    case 1 -> text.substring(0, i) + text.substring(i, end) + text.substring(i);
                    default -> text.substring(0, i) + noise.charAt(rnd.nextInt(noise.length())) + text.substring(i);
                };
                runs++;
                try {
                    for (Command c : Wast.parse(mutated, p.getFileName().toString()).commands()) {
                        if (c instanceof Command.AssertMalformed m && m.module().source() instanceof ModuleSource.Quote q) {
                            try {
                                Wat.parseModule(q.text());
                            } catch (DecodeException expected) {
                                // fine
                            }
                        }
                    }
                } catch (DecodeException expected) {
                    // fine
                } catch (RuntimeException | StackOverflowError e) {
                    crashes.add(p.getFileName() + " mutation at " + i + ": " + e);
                }
            }
        }
        System.out.println("mutation robustness: " + runs + " mutated scripts from " + small.size() + " files");
        assertEquals(List.of(), crashes);
    }
}

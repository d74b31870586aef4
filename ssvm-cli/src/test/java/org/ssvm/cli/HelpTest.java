package org.ssvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The help texts: they list what a user needs and fit an 80-column terminal. */
class HelpTest {
    @Test
    void mainHelpListsCommandsAndExamples() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: ssvm [COMMAND] [OPTIONS]\n"), r.out());
        for (String expected : new String[] {"Commands:", "  run ", "  wast ", "  wat2wasm ", "Options:",
                "--version", "Examples:", "ssvm run --invoke add"}) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in\n" + r.out());
        }
        assertTrue(r.out().indexOf("Commands:") < r.out().indexOf("Options:"), "commands come first");
        assertFitsTerminal(r.out());
    }

    @Test
    void runHelpDescribesEveryOption() {
        CliRun r = CliRun.of("run", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: ssvm run [OPTIONS] FILE [ARGS...]\n"), r.out());
        for (String expected : new String[] {"--dir=HOST::GUEST", "GUEST:HOST", "--env=NAME[=VALUE]",
                "--invoke=NAME", "--engine=KIND", "Exit status:", "134", "Examples:"}) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in\n" + r.out());
        }
        assertFitsTerminal(r.out());
        assertEquals(r.out(), CliRun.of("help", "run").out(), "'ssvm help run' shows the same");
    }

    @Test
    void noArgumentsShowsHelp() {
        CliRun r = CliRun.of();
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: ssvm"), r.out());
    }

    @Test
    void versionIsOneLine() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("ssvm "), r.out());
        assertEquals(1, r.out().lines().count());
    }

    private static void assertFitsTerminal(String help) {
        help.lines().forEach(line -> assertTrue(line.length() <= 80, "longer than 80 columns: " + line));
    }
}

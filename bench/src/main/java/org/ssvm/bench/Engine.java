package org.ssvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An engine the harness runs: a name and a command template, read from {@code bench/engines.conf}.
 * The template is split at spaces first and the placeholders ({@code {wasm}}, {@code {native}}, {@code {root}},
 * ...) replaced inside each word afterwards, so a path with a space stays one argument. {@code {args}} stands
 * alone and becomes the kernel's arguments, zero or more words.
 */
public record Engine(String name, List<String> template) {

    /** The command for one run; {@code vars} maps placeholder names (without braces) to values. */
    public List<String> command(Map<String, String> vars, List<String> args) {
        List<String> command = new ArrayList<>();
        for (String word : template) {
            if (word.equals("{args}")) {
                command.addAll(args);
                continue;
            }
            String expanded = word;
            for (var e : vars.entrySet()) {
                expanded = expanded.replace("{" + e.getKey() + "}", e.getValue());
            }
            if (expanded.matches(".*\\{[a-z]+}.*")) {
                throw new IllegalArgumentException("engine " + name + ": unknown placeholder in '" + word + "'");
            }
            command.add(expanded);
        }
        return command;
    }

    /** Reads {@code NAME = COMMAND} lines; blank lines and lines starting with # are skipped. */
    public static List<Engine> parse(List<String> lines) {
        List<Engine> engines = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq <= 0 || text.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("line " + lineNo + ": expected NAME = COMMAND: " + text);
            }
            String name = text.substring(0, eq).strip();
            List<String> words = Arrays.stream(text.substring(eq + 1).strip().split("\\s+")).toList();
            engines.add(new Engine(name, words));
        }
        return engines;
    }

    public static List<Engine> load(Path file) throws IOException {
        try {
            return parse(Files.readAllLines(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}

package org.ssvm.wast;

import java.util.List;

/**
 * The outcome of one WAST script.
 *
 * @param file     the script's name
 * @param passed   assertions that held
 * @param failed   assertions that did not, plus commands that should have succeeded and did not
 * @param skipped  assertions not run (always 0 unless a feature is knowingly unsupported)
 * @param failures one line per failure, with the script line
 */
public record FileResult(String file, int passed, int failed, int skipped, List<String> failures) {
    public FileResult {
        failures = List.copyOf(failures);
    }
}

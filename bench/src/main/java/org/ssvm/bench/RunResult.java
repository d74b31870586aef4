package org.ssvm.bench;

/**
 * The outcome of one whole-process run: its status, wall time in seconds, standard output, and for a run
 * that did not succeed a one-line reason.
 */
public record RunResult(Status status, double seconds, String stdout, String detail) {
    /** How a run ended; the order is from best to worst, so a cell shows the worst of its runs. */
    public enum Status {
        OK("ok"),
        WRONG("WRONG"),
        FAILED("failed"),
        TIMEOUT("timeout"),
        NOT_AVAILABLE("n/a");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word a table cell shows for this status. */
        public String label() {
            return label;
        }
    }

    /** The same run judged against the expected output: a successful run with other output is WRONG. */
    public RunResult checkedAgainst(String expected) {
        if (status != Status.OK || expected == null || expected.equals(stdout)) {
            return this;
        }
        return new RunResult(Status.WRONG, seconds, stdout,
                "output differs from native: " + firstLine(stdout) + " instead of " + firstLine(expected));
    }

    /** The same run with a prefix (the kernels' folder) taken out of its reason, to keep notes short. */
    public RunResult withoutPrefix(String prefix) {
        return detail.contains(prefix) ? new RunResult(status, seconds, stdout, detail.replace(prefix, "")) : this;
    }

    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return "'" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'";
    }
}

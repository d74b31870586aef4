package org.ssvm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ssvm.bench.RunResult.Status;

/**
 * The results of a benchmark: every run of every engine on every kernel, summed up as a Markdown table with
 * kernels as rows and engines as columns. A cell holds the median wall time and its ratio to native, or the
 * worst thing that happened in its runs (WRONG output, failed, timeout, n/a); the last row holds each engine's
 * geometric mean of ratios to native over the compute kernels (hello, a startup test, stays out).
 */
final class Report {
    static final String NATIVE = "native";

    private final List<String> kernels;
    private final List<String> engines;
    private final Map<String, List<RunResult>> runs = new LinkedHashMap<>();

    /** What a table cell sums up: the worst status of its runs, and the median time when all went well. */
    record Cell(Status status, double seconds, String detail, int runs) {}

    Report(List<String> kernels, List<String> engines) {
        this.kernels = List.copyOf(kernels);
        this.engines = List.copyOf(engines);
    }

    void add(String kernel, String engine, RunResult result) {
        runs.computeIfAbsent(kernel + "/" + engine, k -> new ArrayList<>()).add(result);
    }

    /** The cell of a kernel and an engine, or null when that engine never ran on that kernel. */
    Cell cell(String kernel, String engine) {
        List<RunResult> results = runs.getOrDefault(kernel + "/" + engine, List.of());
        if (results.isEmpty()) {
            return null;
        }
        RunResult worst = results.getFirst();
        for (RunResult r : results) {
            if (r.status().ordinal() > worst.status().ordinal()) {
                worst = r;
            }
        }
        if (worst.status() != Status.OK) {
            return new Cell(worst.status(), Double.NaN, worst.detail(), results.size());
        }
        return new Cell(Status.OK, Stats.median(results.stream().map(RunResult::seconds).toList()), "",
                results.size());
    }

    /** The ratio of an engine's median to native's on a kernel, or NaN when either did not succeed. */
    double ratio(String kernel, String engine) {
        Cell cell = cell(kernel, engine);
        Cell nat = cell(kernel, NATIVE);
        if (cell == null || nat == null || cell.status() != Status.OK || nat.status() != Status.OK) {
            return Double.NaN;
        }
        return cell.seconds() / nat.seconds();
    }

    /** The kernels the geometric mean covers: all but the startup test, unless it is the only one. */
    List<String> meanKernels() {
        List<String> compute = kernels.stream().filter(k -> !k.equals(Kernel.STARTUP)).toList();
        return compute.isEmpty() ? kernels : compute;
    }

    String table() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("kernel");
        header.addAll(engines);
        for (String kernel : kernels) {
            List<String> row = new ArrayList<>();
            row.add(kernel);
            for (String engine : engines) {
                row.add(cellText(kernel, engine));
            }
            rows.add(row);
        }
        List<String> mean = new ArrayList<>();
        mean.add("geomean ratio");
        for (String engine : engines) {
            mean.add(meanText(engine));
        }
        rows.add(mean);
        return markdown(header, rows);
    }

    private String cellText(String kernel, String engine) {
        Cell cell = cell(kernel, engine);
        if (cell == null) {
            return "-";
        }
        if (cell.status() != Status.OK) {
            return cell.status().label();
        }
        double ratio = ratio(kernel, engine);
        if (engine.equals(NATIVE) || Double.isNaN(ratio)) {
            return seconds(cell.seconds());
        }
        return seconds(cell.seconds()) + " (" + ratio(ratio) + ")";
    }

    private String meanText(String engine) {
        List<String> covered = meanKernels();
        List<Double> ratios = new ArrayList<>();
        for (String kernel : covered) {
            double r = ratio(kernel, engine);
            if (!Double.isNaN(r)) {
                ratios.add(r);
            }
        }
        if (ratios.isEmpty()) {
            return "n/a";
        }
        String text = ratio(Stats.geometricMean(ratios));
        return ratios.size() == covered.size() ? text : text + " (" + ratios.size() + " of " + covered.size() + ")";
    }

    /** Suffix of an engine that is another engine ({@code ssvm-compiler-gas}: ssvm-compiler) with gas metering on. */
    static final String METERED = "-gas";

    /**
     * What gas metering costs each engine that also ran metered (as {@code NAME-gas}): per kernel the metered
     * median over the plain one, and their geometric mean over the compute kernels both succeeded on.
     */
    List<String> meteringCosts() {
        List<String> lines = new ArrayList<>();
        for (String engine : engines) {
            String metered = engine + METERED;
            if (!engines.contains(metered)) {
                continue;
            }
            List<Double> slowdowns = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (String kernel : meanKernels()) {
                Cell plain = cell(kernel, engine);
                Cell gas = cell(kernel, metered);
                if (plain != null && gas != null && plain.status() == Status.OK && gas.status() == Status.OK) {
                    double slowdown = gas.seconds() / plain.seconds();
                    slowdowns.add(slowdown);
                    parts.add(kernel + " " + ratio(slowdown));
                }
            }
            if (!slowdowns.isEmpty()) {
                lines.add(metered + " / " + engine + ": geometric mean " + ratio(Stats.geometricMean(slowdowns))
                        + " (" + String.join(", ", parts) + ")");
            }
        }
        return lines;
    }

    /**
     * One line per engine and status for the cells that did not succeed, naming their kernels and the reason;
     * when the kernels failed for different reasons, the first kernel's reason stands for all.
     */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (String engine : engines) {
            Map<Status, List<String>> kernelsByStatus = new LinkedHashMap<>();
            Map<Status, List<String>> detailsByStatus = new LinkedHashMap<>();
            for (String kernel : kernels) {
                Cell cell = cell(kernel, engine);
                if (cell != null && cell.status() != Status.OK) {
                    kernelsByStatus.computeIfAbsent(cell.status(), k -> new ArrayList<>()).add(kernel);
                    detailsByStatus.computeIfAbsent(cell.status(), k -> new ArrayList<>()).add(cell.detail());
                }
            }
            kernelsByStatus.forEach((status, ks) -> {
                List<String> details = detailsByStatus.get(status);
                boolean same = details.stream().distinct().count() == 1;
                String reason = details.getFirst().isEmpty() ? ""
                        : same ? ": " + details.getFirst() : "; on " + ks.getFirst() + ": " + details.getFirst();
                notes.add(engine + ": " + status.label() + " on " + String.join(", ", ks) + reason);
            });
        }
        return notes;
    }

    static String seconds(double s) {
        String format = s < 1 ? "%.3f" : s < 100 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, format, s);
    }

    static String ratio(double r) {
        String format = r < 10 ? "%.2fx" : r < 100 ? "%.1fx" : "%.0fx";
        return String.format(Locale.ROOT, format, r);
    }

    /** A Markdown table padded to line up in a terminal too; the first column left, the others right. */
    static String markdown(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(3, header.get(c).length());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, widths);
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            sb.append(c == 0 ? "-".repeat(widths[c] + 2) : "-".repeat(widths[c] + 1) + ":").append('|');
        }
        sb.append('\n');
        for (List<String> row : rows) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            String text = cells.get(c);
            String pad = " ".repeat(widths[c] - text.length());
            sb.append(' ').append(c == 0 ? text + pad : pad + text).append(" |");
        }
        sb.append('\n');
    }
}

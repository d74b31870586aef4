package org.ssvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.bench.RunResult.Status;

class ReportTest {
    private static RunResult ok(double s) {
        return new RunResult(Status.OK, s, "out\n", "");
    }

    private Report sample() {
        Report r = new Report(List.of("hello", "fib", "sieve"), List.of("native", "a", "b"));
        r.add("hello", "native", ok(0.01));
        r.add("hello", "a", ok(0.5));
        r.add("hello", "b", ok(0.2));
        for (double s : new double[] {1.0, 3.0, 2.0}) {
            r.add("fib", "native", ok(s / 10));
            r.add("fib", "a", ok(s));
        }
        r.add("fib", "b", new RunResult(Status.TIMEOUT, 300, "", "no exit within 300 s"));
        r.add("sieve", "native", ok(0.5));
        r.add("sieve", "a", ok(40.0));
        r.add("sieve", "b", ok(1.0).checkedAgainst("other\n"));
        return r;
    }

    @Test
    void cellIsTheMedianAndItsRatioToNative() {
        Report r = sample();
        assertEquals(2.0, r.cell("fib", "a").seconds());
        assertEquals(10.0, r.ratio("fib", "a"), 1e-9);
        assertEquals(Status.TIMEOUT, r.cell("fib", "b").status());
        assertEquals(Status.WRONG, r.cell("sieve", "b").status());
    }

    @Test
    void geometricMeanLeavesOutHelloAndCountsMissingCells() {
        String table = sample().table();
        // a: ratios 10 (fib) and 80 (sieve), geometric mean sqrt(800) = 28.3; hello's 50x stays out.
        String meanRow = table.lines().filter(l -> l.startsWith("| geomean")).findFirst().orElseThrow();
        assertEquals(List.of("geomean ratio", "1.00x", "28.3x", "n/a"), cells(meanRow));
        String fibRow = table.lines().filter(l -> l.startsWith("| fib")).findFirst().orElseThrow();
        assertEquals(List.of("fib", "0.200", "2.00 (10.0x)", "timeout"), cells(fibRow));
        String sieveRow = table.lines().filter(l -> l.startsWith("| sieve")).findFirst().orElseThrow();
        assertEquals("WRONG", cells(sieveRow).get(3));
    }

    @Test
    void meteringCostIsMeteredOverPlainPerKernelAndByGeometricMean() {
        Report r = new Report(List.of("hello", "fib", "sieve"), List.of("native", "a", "a-gas", "b"));
        for (String k : List.of("hello", "fib", "sieve")) {
            r.add(k, "native", ok(1));
            r.add(k, "b", ok(1));
        }
        r.add("hello", "a", ok(1));
        r.add("hello", "a-gas", ok(10)); // startup stays out
        r.add("fib", "a", ok(2));
        r.add("fib", "a-gas", ok(4));
        r.add("sieve", "a", ok(1));
        r.add("sieve", "a-gas", ok(2));
        assertEquals(List.of("a-gas / a: geometric mean 2.00x (fib 2.00x, sieve 2.00x)"), r.meteringCosts());
        r.add("sieve", "a-gas", ok(8)); // median of 2 and 8: 5
        assertEquals(List.of("a-gas / a: geometric mean 3.16x (fib 2.00x, sieve 5.00x)"), r.meteringCosts());
    }

    @Test
    void partialGeometricMeanSaysHowManyKernelsItCovers() {
        Report r = new Report(List.of("fib", "sieve"), List.of("native", "a"));
        r.add("fib", "native", ok(1));
        r.add("fib", "a", ok(4));
        r.add("sieve", "native", ok(1));
        r.add("sieve", "a", new RunResult(Status.FAILED, 1, "", "exit 2: boom"));
        String meanRow = r.table().lines().filter(l -> l.startsWith("| geomean")).findFirst().orElseThrow();
        assertEquals("4.00x (1 of 2)", cells(meanRow).get(2));
        assertEquals(List.of("a: failed on sieve: exit 2: boom"), r.notes());
    }

    @Test
    void notesGroupKernelsByEngineAndStatus() {
        Report r = new Report(List.of("hello", "fib"), List.of("native", "s"));
        for (String k : List.of("hello", "fib")) {
            r.add(k, "native", ok(1));
            r.add(k, "s", new RunResult(Status.FAILED, 0.3, "", "exit 2: unknown command"));
        }
        assertEquals(List.of("s: failed on hello, fib: exit 2: unknown command"), r.notes());
    }

    @Test
    void tableLinesUpAndAlignsNumbersRight() {
        List<String> lines = sample().table().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.length() == lines.getFirst().length()), String.join("\n", lines));
        assertTrue(lines.get(1).endsWith(":|"));
    }

    private static List<String> cells(String row) {
        return List.of(row.substring(1, row.length() - 1).split("\\|")).stream().map(String::strip).toList();
    }
}

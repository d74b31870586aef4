package org.ssvm.bench;

import java.util.List;
import java.util.Optional;

/**
 * One benchmark kernel of {@code shared/bench}: its name and the argument that sets its size. The default and
 * large sizes are those of shared/bench/README.md; {@code hello} takes no argument.
 */
public record Kernel(String name, String defaultArg, String largeArg) {
    /** The kernels in table order. */
    public static final List<Kernel> ALL = List.of(
            new Kernel("hello", null, null),
            new Kernel("fib", "38", "42"),
            new Kernel("sieve", "40", "300"),
            new Kernel("matmul", "600", "1200"),
            new Kernel("nbody", "5000000", "40000000"),
            new Kernel("sha256", "60", "400"),
            new Kernel("fannkuch", "10", "11"),
            new Kernel("mandelbrot", "1200", "3600"),
            new Kernel("interp", "6000000", "50000000"),
            new Kernel("bintree", "16", "19"),
            new Kernel("lz", "30", "200"));

    /** The startup kernel: it measures load and exit, not compute, so it stays out of the geometric mean. */
    public static final String STARTUP = "hello";

    /** The program arguments for the given size, "default" or "large". */
    public List<String> args(String size) {
        String arg = size.equals("large") ? largeArg : defaultArg;
        return arg == null ? List.of() : List.of(arg);
    }

    public static Optional<Kernel> byName(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}

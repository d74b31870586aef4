package org.ssvm.bench;

import java.util.List;
import java.util.Optional;

/**
 * One benchmark kernel of {@code shared/bench}: its name and the argument that sets its size. The default and
 * large sizes are those of shared/bench/README.md; the small size is ours, a smoke test that checks every
 * engine's output in seconds, even on an interpreter. {@code hello} takes no argument.
 */
public record Kernel(String name, String smallArg, String defaultArg, String largeArg) {
    /** The sizes {@link #args} knows. */
    public static final List<String> SIZES = List.of("small", "default", "large");

    /** The kernels in table order. */
    public static final List<Kernel> ALL = List.of(
            new Kernel("hello", null, null, null),
            new Kernel("fib", "27", "38", "42"),
            new Kernel("sieve", "1", "40", "300"),
            new Kernel("matmul", "120", "600", "1200"),
            new Kernel("nbody", "100000", "5000000", "40000000"),
            new Kernel("sha256", "2", "60", "400"),
            new Kernel("fannkuch", "8", "10", "11"),
            new Kernel("mandelbrot", "200", "1200", "3600"),
            new Kernel("interp", "200000", "6000000", "50000000"),
            new Kernel("bintree", "12", "16", "19"),
            new Kernel("lz", "2", "30", "200"));

    /** The startup kernel: it measures load and exit, not compute, so it stays out of the geometric mean. */
    public static final String STARTUP = "hello";

    /** The program arguments for the given size: "small", "default" or "large". */
    public List<String> args(String size) {
        String arg = switch (size) {
            case "small" -> smallArg;
            case "large" -> largeArg;
            default -> defaultArg;
        };
        return arg == null ? List.of() : List.of(arg);
    }

    public static Optional<Kernel> byName(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}

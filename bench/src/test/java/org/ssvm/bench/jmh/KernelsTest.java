package org.ssvm.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * Each benchmark module computes what it claims: its exports, run on every engine the benchmarks list, return
 * what the same loop computes in Java. The loop counts cross the wrap-around of the memory walks.
 */
class KernelsTest {
    private static final int N = 20_000;

    /** The engines of GuestBench's @Param, so a newly listed engine is checked here too. */
    static List<String> engines() throws NoSuchFieldException {
        return List.of(GuestBench.class.getField("engine").getAnnotation(Param.class).value());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void dispatch(String engine) {
        try (Guest g = Guest.start(engine, DispatchBench.WAT)) {
            assertEquals(dispatchInJava(N), g.export("run").i32(N));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void memory(String engine) {
        try (Guest g = Guest.start(engine, MemoryBench.WAT)) {
            g.export("init").run(MemoryBench.SEED);
            ByteBuffer mem = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < 65536; p += 4) {
                mem.putInt(p, (p + MemoryBench.SEED) * -1640531535);
            }
            assertEquals(bytesInJava(mem, N), g.export("bytes").i32(N));
            assertEquals(i32InJava(mem, N), g.export("i32").i32(N));
            assertEquals(i64InJava(mem, N), g.export("i64").i64(N));
            // The stores landed: a second pass reads the updated words.
            assertEquals(i32InJava(mem, N), g.export("i32").i32(N));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void calls(String engine) {
        try (Guest g = Guest.start(engine, CallBench.WAT, CallBench::defineHost)) {
            int direct = 0;
            int indirect = 0;
            int host = 0;
            for (int i = 0; i < N; i++) {
                direct = (direct + i) * 3 + 1;
                int x = indirect + i;
                indirect = (i & 1) == 0 ? x * 3 + 1 : x ^ 0x5555;
                host = host + i + 7;
            }
            assertEquals(direct, g.export("direct").i32(N));
            assertEquals(indirect, g.export("indirect").i32(N));
            assertEquals(host, g.export("host").i32(N));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void brTable(String engine) {
        int s = 0;
        int acc = 0;
        for (int i = 0; i < N; i++) {
            switch ((s >>> 16) & 7) {
                case 0 -> acc += 1;
                case 1 -> acc *= 3;
                case 2 -> acc ^= s;
                case 3 -> acc = Integer.rotateLeft(acc, 7);
                case 4 -> acc -= i;
                case 5 -> acc += s >>> 3;
                case 6 -> acc = ~acc;
                default -> acc += i << 1;
            }
            s = s * 1103515245 + 12345;
        }
        try (Guest g = Guest.start(engine, BrTableBench.WAT)) {
            assertEquals(acc, g.export("run").i32(N));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void f64(String engine) {
        double sum = 0;
        double x = 1;
        double y = 0;
        for (int i = 0; i < N; i++) {
            double d = i;
            sum += 1 / (d * d + 1);
            x = x * 0.9999 + Math.sqrt(d) * 0.0001;
            y = Math.abs(x - y) * 0.5 + 0.25;
        }
        try (Guest g = Guest.start(engine, FloatBench.WAT)) {
            assertEquals(sum + (x + y), g.export("run").f64(N), 0.0);
        }
    }

    @Test
    void unknownEngineFailsNamingTheKnownOnes() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Guest.start("NO_SUCH_ENGINE", DispatchBench.WAT));
        assertTrue(e.getMessage().contains("unknown engine NO_SUCH_ENGINE"), e.getMessage());
        assertTrue(e.getMessage().contains("INTERPRETER"), e.getMessage());
    }

    private static int dispatchInJava(int n) {
        int a = 1;
        int b = 2;
        int c = 0;
        for (int i = 0; i < n; i++) {
            a = a * 31 + i;
            b = Integer.rotateLeft(b ^ a, 5);
            c = c + (a >>> 3) - (b & 255);
        }
        return a ^ (b + c);
    }

    private static int i32InJava(ByteBuffer mem, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int p = (i << 2) & 0xfffc;
            int v = mem.getInt(p);
            mem.putInt(p, v + i);
            sum += v;
        }
        return sum;
    }

    private static long i64InJava(ByteBuffer mem, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int p = (i << 3) & 0xfff8;
            long v = mem.getLong(p);
            mem.putLong(p, v + Integer.toUnsignedLong(i));
            sum += v;
        }
        return sum;
    }

    private static int bytesInJava(ByteBuffer mem, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (mem.get(i & 0xffff) & 0xff) + mem.get(((i * 7) & 0xfffe) + 1);
        }
        return sum;
    }
}

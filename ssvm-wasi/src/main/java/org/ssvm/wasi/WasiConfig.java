package org.ssvm.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What a WASI program is given: arguments, environment, preopened directories, standard streams, and the
 * clock and random sources (replaceable so tests are deterministic). Build one with {@link #builder()}.
 */
public final class WasiConfig {
    private final List<String> args;
    private final Map<String, String> env;
    private final List<Preopen> preopens;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final LongSupplier realtimeNanos;
    private final LongSupplier monotonicNanos;
    private final Random random;

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.preopens = List.copyOf(b.preopens);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.realtimeNanos = b.realtimeNanos;
        this.monotonicNanos = b.monotonicNanos;
        this.random = b.random;
    }

    public static Builder builder() { return new Builder(); }

    public List<String> args() { return args; }

    /** Environment variables in insertion order. */
    public Map<String, String> env() { return env; }

    public List<Preopen> preopens() { return preopens; }

    public InputStream stdin() { return stdin; }

    public OutputStream stdout() { return stdout; }

    public OutputStream stderr() { return stderr; }

    /** Wall-clock time in nanoseconds since the Unix epoch. */
    public LongSupplier realtimeNanos() { return realtimeNanos; }

    /** A monotonic clock in nanoseconds. */
    public LongSupplier monotonicNanos() { return monotonicNanos; }

    /** The random source; unless one was set, a {@link SecureRandom} shared by all configurations. */
    public Random random() { return random != null ? random : DefaultRandom.INSTANCE; }

    /** Created on first use: seeding a SecureRandom loads the security providers, ~10 ms of every start. */
    private static final class DefaultRandom {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** Builder for {@link WasiConfig}; defaults are no args, empty environment, the process's streams. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Preopen> preopens = new ArrayList<>();
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private LongSupplier realtimeNanos = Builder::wallClockNanos;
        private LongSupplier monotonicNanos = System::nanoTime;
        private Random random; // null: the shared default, made when a program first asks

        private Builder() {}

        /** Appends arguments; by convention the first is the program name. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Preopens a host directory, read-write, under {@code guestPath}. */
        public Builder preopen(Path hostPath, String guestPath) {
            return preopen(hostPath, guestPath, false);
        }

        public Builder preopen(Path hostPath, String guestPath, boolean readOnly) {
            preopens.add(new Preopen(hostPath, guestPath, readOnly));
            return this;
        }

        public Builder stdin(InputStream in) {
            stdin = in;
            return this;
        }

        public Builder stdout(OutputStream out) {
            stdout = out;
            return this;
        }

        public Builder stderr(OutputStream err) {
            stderr = err;
            return this;
        }

        public Builder realtimeClock(LongSupplier nanosSinceEpoch) {
            realtimeNanos = nanosSinceEpoch;
            return this;
        }

        public Builder monotonicClock(LongSupplier nanos) {
            monotonicNanos = nanos;
            return this;
        }

        public Builder random(Random source) {
            random = source;
            return this;
        }

        public WasiConfig build() { return new WasiConfig(this); }

        private static long wallClockNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    }
}

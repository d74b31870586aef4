package org.ssvm;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.ssvm.interpreter.InterpreterEngine;
import org.ssvm.metering.CostTable;
import org.ssvm.metering.Meter;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.runtime.EngineProvider;
import org.ssvm.runtime.ExecutionEngine;
import org.ssvm.runtime.Memory;

/**
 * The entry point of the embedding API: an engine configuration plus the threads guest code runs on.
 *
 * <p>WebAssembly calls made through {@link WasmFunction} and instantiation through {@link Linker} run on
 * platform threads with a large stack (see {@link Builder#threadStackSize}), so that deeply recursive guest
 * code works; a call that recurses too deep traps with "call stack exhausted" and leaves everything usable.
 *
 * <p>Resource limits ({@link Builder#gasLimit}, {@link Builder#memoryPageLimit}, {@link Builder#timeLimit},
 * {@link Builder#maxCallDepth}) and {@link WasmInstance#interrupt()} stop a call with a
 * {@link TrapException} saying why, and leave the instance usable. Accounting code exists only when asked
 * for: without metering no gas is charged, and without {@link Builder#interruptible} (or a time limit, or
 * metering) code does not poll for interruption, which costs a few percent in tight loops.
 *
 * <pre>{@code
 * try (WasmRuntime runtime = WasmRuntime.builder().maxCallDepth(50_000).build()) {
 *     WasmModule module = runtime.load(Path.of("add.wasm"));
 *     Linker linker = runtime.linker();
 *     linker.function("env", "log", FuncType.of(new ValType[] {ValType.I32}),
 *             args -> { System.out.println(args[0]); return new Object[0]; });
 *     WasmInstance instance = linker.instantiate(module);
 *     int sum = (int) instance.function("add").call(2, 3)[0];
 * }
 * }</pre>
 */
public final class WasmRuntime implements AutoCloseable {
    /** Default stack size of the threads that run guest code: 512 MiB (reserved, committed on use). */
    public static final long DEFAULT_THREAD_STACK_SIZE = 512L << 20;

    private final EngineKind engineKind;
    private final ExecutionEngine engine;
    private final long threadStackSize;
    private final ExecutorService threads;

    private final MeteringConfig metering;
    private final long gasLimit;
    private final long memoryPageLimit;
    private final long timeLimitNanos;
    private volatile ScheduledExecutorService timer;

    private WasmRuntime(Builder b) {
        this.engineKind = b.engineKind;
        boolean metered = b.costTable != null || b.metering || b.gasLimit != Meter.UNLIMITED || b.opcodeCounts;
        this.metering = new MeteringConfig(metered ? (b.costTable != null ? b.costTable : CostTable.DEFAULT) : null,
                b.interruptible || b.timeLimitNanos > 0, b.opcodeCounts);
        this.gasLimit = b.gasLimit;
        this.memoryPageLimit = b.memoryPageLimit;
        this.timeLimitNanos = b.timeLimitNanos;
        this.engine = switch (b.engineKind) {
            case INTERPRETER -> new InterpreterEngine(b.maxCallDepth, metering);
            case COMPILER -> EngineProvider.load("compiler", b.maxCallDepth, metering, b.codeCache);
        };
        this.threadStackSize = b.threadStackSize;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread t = new GuestThread(task, "ssvm-guest-" + count.incrementAndGet(), threadStackSize);
            t.setDaemon(true);
            return t;
        });
    }

    /** A runtime with the default configuration (interpreter, default call depth and stack size). */
    public static WasmRuntime create() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    public EngineKind engineKind() { return engineKind; }

    /** The engine that runs the functions of modules instantiated through this runtime. */
    public ExecutionEngine engine() { return engine; }

    /** Whether gas is charged, with which costs, and whether code polls for interruption. */
    public MeteringConfig metering() { return metering; }

    /** The gas limit each new instance's meter starts with ({@link Meter#UNLIMITED} when none). */
    public long gasLimit() { return gasLimit; }

    /** The most pages a memory defined by a module may have. */
    public long memoryPageLimit() { return memoryPageLimit; }

    /** The wall-clock limit of each call from the host, in nanoseconds (0: none). */
    public long timeLimitNanos() { return timeLimitNanos; }

    /**
     * Runs {@code task} like {@link #call(Callable)}, as a call into code metered by {@code meter}: the
     * outermost such call forgets stale interruptions, is stopped with "time limit exceeded" when the
     * runtime has a time limit, and adds its duration to the meter's time.
     */
    public <T> T call(Meter meter, Callable<T> task) {
        return call(() -> {
            boolean outermost = meter.begin();
            long start = System.nanoTime(); // before the deadline starts: a timed-out call measures the whole limit
            ScheduledFuture<?> deadline = outermost && timeLimitNanos > 0
                    ? timer().schedule(meter::timeOut, timeLimitNanos, TimeUnit.NANOSECONDS) : null;
            try {
                return task.call();
            } finally {
                if (deadline != null) {
                    deadline.cancel(false);
                }
                meter.end(outermost, System.nanoTime() - start);
            }
        });
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (this) {
                t = timer;
                if (t == null) {
                    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread thread = new Thread(task, "ssvm-time-limit");
                        thread.setDaemon(true);
                        return thread;
                    });
                    pool.setRemoveOnCancelPolicy(true);
                    timer = t = pool;
                }
            }
        }
        return t;
    }

    /** Decodes and validates a binary module. */
    public WasmModule load(byte[] bytes) { return WasmModule.fromBytes(bytes); }

    /** Reads, decodes and validates a binary module file. */
    public WasmModule load(java.nio.file.Path path) { return WasmModule.fromPath(path); }

    /** Reads, decodes and validates a binary module file. */
    public WasmModule load(java.io.File file) { return WasmModule.fromPath(file.toPath()); }

    /** A new, empty linker that instantiates with this runtime's engine. */
    public Linker linker() { return new Linker(this); }

    /**
     * The decoded {@code module}, validated, ready to instantiate through this runtime; when this runtime's engine
     * already holds code compiled from these very bytes (the compiler's code cache), that code is loaded now and
     * the validation it went through when it was made is not repeated (on a cold JVM, some 10 ms for a module of
     * 100 KB).
     *
     * @throws ValidationException when the module is invalid
     */
    public WasmModule prepare(org.ssvm.model.Module module) {
        return engine.loadKnownCode(module) ? WasmModule.ofValidated(module) : WasmModule.of(module);
    }

    /**
     * Runs {@code task} on a guest thread (directly when already on one) and returns its result. Exceptions
     * thrown by the task are rethrown as they are.
     */
    public <T> T call(Callable<T> task) {
        if (Thread.currentThread() instanceof GuestThread) {
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new WasmException(e.toString(), e);
            }
        }
        Future<T> future = threads.submit(task);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new WasmException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new WasmException("interrupted while waiting for WebAssembly code", e);
        }
    }

    /** Stops the guest threads once they are idle. */
    @Override
    public void close() {
        threads.shutdown();
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }

    /** The platform threads guest code runs on. */
    private static final class GuestThread extends Thread {
        GuestThread(Runnable task, String name, long stackSize) {
            super(null, task, name, stackSize);
        }
    }

    /** Configuration of a {@link WasmRuntime}. */
    public static final class Builder {
        private EngineKind engineKind = EngineKind.INTERPRETER;
        private int maxCallDepth = InterpreterEngine.DEFAULT_MAX_CALL_DEPTH;
        private long threadStackSize = DEFAULT_THREAD_STACK_SIZE;
        private CostTable costTable;
        private boolean metering;
        private long gasLimit = Meter.UNLIMITED;
        private long memoryPageLimit = Memory.MAX_PAGES;
        private long timeLimitNanos;
        private boolean interruptible;
        private boolean opcodeCounts;
        private java.nio.file.Path codeCache;

        private Builder() {}

        /**
         * A directory where the compiler engine keeps the code it generates, one file per module, and reuses it
         * in later processes instead of compiling again (entries of other SSVM builds or options are replaced).
         * The command line uses one by default; without it (the default here) nothing is written. Code compiled
         * with metering is not cached.
         */
        public Builder codeCache(java.nio.file.Path directory) {
            this.codeCache = directory;
            return this;
        }

        /**
         * Charges gas and counts instructions with the default costs (1 per instruction). Off by default:
         * without metering no accounting code runs at all.
         */
        public Builder metering(boolean on) {
            this.metering = on;
            return this;
        }

        /**
         * Also counts how often each instruction runs, for {@link Meter#opcodeCounts()} (turns metering on;
         * slower than metering alone).
         */
        public Builder opcodeCounts(boolean on) {
            this.opcodeCounts = on;
            return this;
        }

        /** Charges gas with these costs (turns metering on). */
        public Builder costTable(CostTable table) {
            this.costTable = table;
            return this;
        }

        /**
         * Each instance may use at most this much gas (turns metering on); beyond it a call traps with "gas
         * limit exceeded". Change it per instance with {@link Meter#setGasLimit}.
         */
        public Builder gasLimit(long gas) {
            if (gas < 0) {
                throw new IllegalArgumentException("gasLimit must not be negative");
            }
            this.gasLimit = gas;
            return this;
        }

        /**
         * Memories defined by modules may have at most this many 64 KiB pages: {@code memory.grow} beyond it
         * returns -1, and a module whose memory starts bigger fails to instantiate.
         */
        public Builder memoryPageLimit(long pages) {
            if (pages < 0) {
                throw new IllegalArgumentException("memoryPageLimit must not be negative");
            }
            this.memoryPageLimit = pages;
            return this;
        }

        /**
         * Each call from the host (a function call, or instantiation with its start function) traps with
         * "time limit exceeded" once it has run this long. Zero means no limit.
         */
        public Builder timeLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("timeLimit must not be negative");
            }
            this.timeLimitNanos = limit.toNanos();
            return this;
        }

        /**
         * Whether code polls for {@link WasmInstance#interrupt()} at function entries and loop headers. Off by
         * default because the polls cost time (in the interpreter about 3% on average over the benchmark
         * kernels, up to 15% in the tightest loops); a time limit turns it on, and with metering on code
         * polls anyway, at its gas charges, at no extra cost.
         */
        public Builder interruptible(boolean on) {
            this.interruptible = on;
            return this;
        }

        public Builder engine(EngineKind kind) {
            this.engineKind = kind;
            return this;
        }

        /** Nested WebAssembly calls deeper than this trap with "call stack exhausted". */
        public Builder maxCallDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxCallDepth must be positive");
            }
            this.maxCallDepth = depth;
            return this;
        }

        /** Stack size in bytes of the threads that run guest code. */
        public Builder threadStackSize(long bytes) {
            this.threadStackSize = bytes;
            return this;
        }

        public WasmRuntime build() { return new WasmRuntime(this); }
    }
}

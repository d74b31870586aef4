package org.ssvm;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ssvm.interpreter.InterpreterEngine;
import org.ssvm.runtime.EngineProvider;
import org.ssvm.runtime.ExecutionEngine;

/**
 * The entry point of the embedding API: an engine configuration plus the threads guest code runs on.
 *
 * <p>WebAssembly calls made through {@link WasmFunction} and instantiation through {@link Linker} run on
 * platform threads with a large stack (see {@link Builder#threadStackSize}), so that deeply recursive guest
 * code works; a call that recurses too deep traps with "call stack exhausted" and leaves everything usable.
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

    private WasmRuntime(Builder b) {
        this.engineKind = b.engineKind;
        this.engine = switch (b.engineKind) {
            case INTERPRETER -> new InterpreterEngine(b.maxCallDepth);
            case COMPILER -> EngineProvider.load("compiler", b.maxCallDepth);
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

    /** Decodes and validates a binary module. */
    public WasmModule load(byte[] bytes) { return WasmModule.fromBytes(bytes); }

    /** Reads, decodes and validates a binary module file. */
    public WasmModule load(java.nio.file.Path path) { return WasmModule.fromPath(path); }

    /** Reads, decodes and validates a binary module file. */
    public WasmModule load(java.io.File file) { return WasmModule.fromPath(file.toPath()); }

    /** A new, empty linker that instantiates with this runtime's engine. */
    public Linker linker() { return new Linker(this); }

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

        private Builder() {}

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

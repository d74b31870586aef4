package org.ssvm.wasi;

import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.HostFunction;
import org.ssvm.runtime.Instance;
import org.ssvm.runtime.Memory;

/**
 * WASI preview 1 ({@value #MODULE}) as SSVM host functions.
 *
 * <p>Each function has the core signature the witx lowers to, reads its parameters from the raw slots,
 * finds the guest memory through the calling instance (its export "memory", else memory 0) and writes the
 * errno back at {@code slots[base]}. The WASI logic itself lives in {@link #fd()}, {@link #path()} and
 * {@link #process()}, which take a {@link Memory} and can be driven without an interpreter.
 *
 * <p>{@code proc_exit} throws {@link WasiExitException}. Call {@link #close()} when the program is done to
 * release the files it left open.
 */
public final class WasiPreview1 implements AutoCloseable {
    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private final WasiContext ctx;
    private final FdCalls fd;
    private final PathCalls path;
    private final ProcessCalls process;
    private final Function<Instance, Memory> memoryOf;
    private final Map<String, HostFunction> functions;

    public WasiPreview1(WasiConfig config) {
        this(config, WasiPreview1::callerMemory);
    }

    /**
     * Uses {@code memoryOf} to find the memory of the calling instance, e.g. for an embedder that exports it
     * under another name, or for tests that call the host functions without an instance.
     */
    public WasiPreview1(WasiConfig config, Function<Instance, Memory> memoryOf) {
        this.ctx = new WasiContext(config);
        this.fd = new FdCalls(ctx);
        this.path = new PathCalls(ctx);
        this.process = new ProcessCalls(ctx);
        this.memoryOf = memoryOf;
        this.functions = Collections.unmodifiableMap(build());
    }

    /** Every preview-1 function by name, to be imported under {@link #MODULE}. */
    public Map<String, HostFunction> functions() { return functions; }

    public FdCalls fd() { return fd; }

    public PathCalls path() { return path; }

    public ProcessCalls process() { return process; }

    /** Closes every file descriptor still open (standard streams stay open: they belong to the host). */
    @Override
    public void close() { ctx.fds.closeAll(); }

    /**
     * Runs a WASI command's {@code _start} (a function of no parameters and no results) and returns its exit
     * code: the code given to {@code proc_exit}, or 0 when {@code _start} returns. Traps propagate.
     */
    public static int runStart(org.ssvm.runtime.FunctionInstance start) {
        if (start.type().paramCount() != 0 || start.type().resultCount() != 0) {
            throw new IllegalArgumentException("_start must have type [] -> [], not " + start.type());
        }
        try {
            start.invoke(new long[1], new Object[1], 0);
            return 0;
        } catch (WasiExitException e) {
            return e.code();
        }
    }

    /** The memory WASI functions work on: the caller's export "memory", else its memory 0. */
    public static Memory callerMemory(Instance caller) {
        if (caller == null) {
            throw new IllegalStateException("WASI functions must be called from a module instance");
        }
        if (caller.export("memory") instanceof Memory m) {
            return m;
        }
        return caller.memory(0);
    }

    /** A WASI body that needs memory; it returns the errno. */
    @FunctionalInterface
    private interface MemCall {
        int call(Memory mem, long[] s, int b);
    }

    /** A WASI body that works without memory; it returns the errno. */
    @FunctionalInterface
    private interface PlainCall {
        int call(long[] s, int b);
    }

    private Map<String, HostFunction> build() {
        Map<String, HostFunction> m = new LinkedHashMap<>();
        ValType[] i1 = {I32};
        ValType[] i2 = {I32, I32};
        ValType[] i3 = {I32, I32, I32};
        ValType[] i4 = {I32, I32, I32, I32};
        ValType[] i5 = {I32, I32, I32, I32, I32};
        ValType[] i6 = {I32, I32, I32, I32, I32, I32};

        mem(m, "args_get", i2, (mem, s, b) -> process.argsGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "args_sizes_get", i2, (mem, s, b) -> process.argsSizesGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "environ_get", i2, (mem, s, b) -> process.environGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "environ_sizes_get", i2, (mem, s, b) -> process.environSizesGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "clock_res_get", i2, (mem, s, b) -> process.clockResGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "clock_time_get", new ValType[] {I32, I64, I32},
                (mem, s, b) -> process.clockTimeGet(mem, i(s, b), s[b + 1], i(s, b + 2)));

        plain(m, "fd_advise", new ValType[] {I32, I64, I64, I32},
                (s, b) -> fd.fdAdvise(i(s, b), s[b + 1], s[b + 2], i(s, b + 3)));
        plain(m, "fd_allocate", new ValType[] {I32, I64, I64}, (s, b) -> fd.fdAllocate(i(s, b), s[b + 1], s[b + 2]));
        plain(m, "fd_close", i1, (s, b) -> fd.fdClose(i(s, b)));
        plain(m, "fd_datasync", i1, (s, b) -> fd.fdDatasync(i(s, b)));
        mem(m, "fd_fdstat_get", i2, (mem, s, b) -> fd.fdFdstatGet(mem, i(s, b), i(s, b + 1)));
        plain(m, "fd_fdstat_set_flags", i2, (s, b) -> fd.fdFdstatSetFlags(i(s, b), i(s, b + 1)));
        plain(m, "fd_fdstat_set_rights", new ValType[] {I32, I64, I64},
                (s, b) -> fd.fdFdstatSetRights(i(s, b), s[b + 1], s[b + 2]));
        mem(m, "fd_filestat_get", i2, (mem, s, b) -> fd.fdFilestatGet(mem, i(s, b), i(s, b + 1)));
        plain(m, "fd_filestat_set_size", new ValType[] {I32, I64}, (s, b) -> fd.fdFilestatSetSize(i(s, b), s[b + 1]));
        plain(m, "fd_filestat_set_times", new ValType[] {I32, I64, I64, I32},
                (s, b) -> fd.fdFilestatSetTimes(i(s, b), s[b + 1], s[b + 2], i(s, b + 3)));
        mem(m, "fd_pread", new ValType[] {I32, I32, I32, I64, I32},
                (mem, s, b) -> fd.fdPread(mem, i(s, b), i(s, b + 1), i(s, b + 2), s[b + 3], i(s, b + 4)));
        mem(m, "fd_prestat_get", i2, (mem, s, b) -> fd.fdPrestatGet(mem, i(s, b), i(s, b + 1)));
        mem(m, "fd_prestat_dir_name", i3,
                (mem, s, b) -> fd.fdPrestatDirName(mem, i(s, b), i(s, b + 1), i(s, b + 2)));
        mem(m, "fd_pwrite", new ValType[] {I32, I32, I32, I64, I32},
                (mem, s, b) -> fd.fdPwrite(mem, i(s, b), i(s, b + 1), i(s, b + 2), s[b + 3], i(s, b + 4)));
        mem(m, "fd_read", i4, (mem, s, b) -> fd.fdRead(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3)));
        mem(m, "fd_readdir", new ValType[] {I32, I32, I32, I64, I32},
                (mem, s, b) -> fd.fdReaddir(mem, i(s, b), i(s, b + 1), i(s, b + 2), s[b + 3], i(s, b + 4)));
        plain(m, "fd_renumber", i2, (s, b) -> fd.fdRenumber(i(s, b), i(s, b + 1)));
        mem(m, "fd_seek", new ValType[] {I32, I64, I32, I32},
                (mem, s, b) -> fd.fdSeek(mem, i(s, b), s[b + 1], i(s, b + 2), i(s, b + 3)));
        plain(m, "fd_sync", i1, (s, b) -> fd.fdSync(i(s, b)));
        mem(m, "fd_tell", i2, (mem, s, b) -> fd.fdTell(mem, i(s, b), i(s, b + 1)));
        mem(m, "fd_write", i4, (mem, s, b) -> fd.fdWrite(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3)));

        mem(m, "path_create_directory", i3,
                (mem, s, b) -> path.pathCreateDirectory(mem, i(s, b), i(s, b + 1), i(s, b + 2)));
        mem(m, "path_filestat_get", i5, (mem, s, b) ->
                path.pathFilestatGet(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4)));
        mem(m, "path_filestat_set_times", new ValType[] {I32, I32, I32, I32, I64, I64, I32}, (mem, s, b) ->
                path.pathFilestatSetTimes(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), s[b + 4],
                        s[b + 5], i(s, b + 6)));
        mem(m, "path_link", new ValType[] {I32, I32, I32, I32, I32, I32, I32}, (mem, s, b) ->
                path.pathLink(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4), i(s, b + 5),
                        i(s, b + 6)));
        mem(m, "path_open", new ValType[] {I32, I32, I32, I32, I32, I64, I64, I32, I32}, (mem, s, b) ->
                path.pathOpen(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4), s[b + 5],
                        s[b + 6], i(s, b + 7), i(s, b + 8)));
        mem(m, "path_readlink", i6, (mem, s, b) ->
                path.pathReadlink(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4), i(s, b + 5)));
        mem(m, "path_remove_directory", i3,
                (mem, s, b) -> path.pathRemoveDirectory(mem, i(s, b), i(s, b + 1), i(s, b + 2)));
        mem(m, "path_rename", i6, (mem, s, b) ->
                path.pathRename(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4), i(s, b + 5)));
        mem(m, "path_symlink", i5, (mem, s, b) ->
                path.pathSymlink(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4)));
        mem(m, "path_unlink_file", i3,
                (mem, s, b) -> path.pathUnlinkFile(mem, i(s, b), i(s, b + 1), i(s, b + 2)));

        mem(m, "poll_oneoff", i4,
                (mem, s, b) -> process.pollOneoff(mem, i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3)));
        m.put("proc_exit", new HostFunction(FuncType.of(i1), MODULE + ".proc_exit",
                (caller, s, refs, b) -> process.procExit(i(s, b))));
        plain(m, "proc_raise", i1, (s, b) -> process.procRaise(i(s, b)));
        mem(m, "random_get", i2, (mem, s, b) -> process.randomGet(mem, i(s, b), i(s, b + 1)));
        plain(m, "sched_yield", new ValType[0], (s, b) -> process.schedYield());
        plain(m, "sock_accept", i3, (s, b) -> process.sockAccept(i(s, b), i(s, b + 1), i(s, b + 2)));
        plain(m, "sock_recv", i6, (s, b) ->
                process.sockRecv(i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4), i(s, b + 5)));
        plain(m, "sock_send", i5, (s, b) ->
                process.sockSend(i(s, b), i(s, b + 1), i(s, b + 2), i(s, b + 3), i(s, b + 4)));
        plain(m, "sock_shutdown", i2, (s, b) -> process.sockShutdown(i(s, b), i(s, b + 1)));
        return m;
    }

    private static int i(long[] slots, int index) {
        return (int) slots[index];
    }

    private void mem(Map<String, HostFunction> m, String name, ValType[] params, MemCall body) {
        m.put(name, new HostFunction(FuncType.of(params, I32), MODULE + "." + name,
                (caller, s, refs, b) -> s[b] = Integer.toUnsignedLong(body.call(memoryOf.apply(caller), s, b))));
    }

    private void plain(Map<String, HostFunction> m, String name, ValType[] params, PlainCall body) {
        m.put(name, new HostFunction(FuncType.of(params, I32), MODULE + "." + name,
                (caller, s, refs, b) -> s[b] = Integer.toUnsignedLong(body.call(s, b))));
    }
}

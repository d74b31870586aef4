package org.ssvm.wasi;

import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssvm.model.FuncType;
import org.ssvm.model.ValType;
import org.ssvm.runtime.HostFunction;

/** The host-function face: names, exact witx-lowered signatures, and the raw slot convention. */
class HostFunctionsTest {
    @TempDir
    Path dir;

    private static FuncType sig(ValType... params) {
        return FuncType.of(params, I32);
    }

    /** Every preview-1 function with the core signature the witx lowers to. */
    static Map<String, FuncType> expectedSignatures() {
        Map<String, FuncType> m = new LinkedHashMap<>();
        m.put("args_get", sig(I32, I32));
        m.put("args_sizes_get", sig(I32, I32));
        m.put("environ_get", sig(I32, I32));
        m.put("environ_sizes_get", sig(I32, I32));
        m.put("clock_res_get", sig(I32, I32));
        m.put("clock_time_get", sig(I32, I64, I32));
        m.put("fd_advise", sig(I32, I64, I64, I32));
        m.put("fd_allocate", sig(I32, I64, I64));
        m.put("fd_close", sig(I32));
        m.put("fd_datasync", sig(I32));
        m.put("fd_fdstat_get", sig(I32, I32));
        m.put("fd_fdstat_set_flags", sig(I32, I32));
        m.put("fd_fdstat_set_rights", sig(I32, I64, I64));
        m.put("fd_filestat_get", sig(I32, I32));
        m.put("fd_filestat_set_size", sig(I32, I64));
        m.put("fd_filestat_set_times", sig(I32, I64, I64, I32));
        m.put("fd_pread", sig(I32, I32, I32, I64, I32));
        m.put("fd_prestat_get", sig(I32, I32));
        m.put("fd_prestat_dir_name", sig(I32, I32, I32));
        m.put("fd_pwrite", sig(I32, I32, I32, I64, I32));
        m.put("fd_read", sig(I32, I32, I32, I32));
        m.put("fd_readdir", sig(I32, I32, I32, I64, I32));
        m.put("fd_renumber", sig(I32, I32));
        m.put("fd_seek", sig(I32, I64, I32, I32));
        m.put("fd_sync", sig(I32));
        m.put("fd_tell", sig(I32, I32));
        m.put("fd_write", sig(I32, I32, I32, I32));
        m.put("path_create_directory", sig(I32, I32, I32));
        m.put("path_filestat_get", sig(I32, I32, I32, I32, I32));
        m.put("path_filestat_set_times", sig(I32, I32, I32, I32, I64, I64, I32));
        m.put("path_link", sig(I32, I32, I32, I32, I32, I32, I32));
        m.put("path_open", sig(I32, I32, I32, I32, I32, I64, I64, I32, I32));
        m.put("path_readlink", sig(I32, I32, I32, I32, I32, I32));
        m.put("path_remove_directory", sig(I32, I32, I32));
        m.put("path_rename", sig(I32, I32, I32, I32, I32, I32));
        m.put("path_symlink", sig(I32, I32, I32, I32, I32));
        m.put("path_unlink_file", sig(I32, I32, I32));
        m.put("poll_oneoff", sig(I32, I32, I32, I32));
        m.put("proc_exit", FuncType.of(new ValType[] {I32}));
        m.put("proc_raise", sig(I32));
        m.put("random_get", sig(I32, I32));
        m.put("sched_yield", sig());
        m.put("sock_accept", sig(I32, I32, I32));
        m.put("sock_recv", sig(I32, I32, I32, I32, I32, I32));
        m.put("sock_send", sig(I32, I32, I32, I32, I32));
        m.put("sock_shutdown", sig(I32, I32));
        return m;
    }

    @Test
    void everyFunctionIsPresentWithItsExactSignature() {
        try (Harness h = new Harness(dir)) {
            Map<String, HostFunction> fns = h.wasi.functions();
            Map<String, FuncType> expected = expectedSignatures();
            assertEquals(expected.keySet(), fns.keySet());
            expected.forEach((name, type) -> assertEquals(type, fns.get(name).type(), name));
            assertEquals("wasi_snapshot_preview1.fd_write", fns.get("fd_write").debugName());
        }
    }

    @Test
    void rawConventionReadsParamsAtBaseAndWritesTheErrnoThere() {
        try (Harness h = new Harness(dir)) {
            int iov = h.iovec("raw hello".getBytes(StandardCharsets.UTF_8));
            int nwritten = h.alloc(4);
            long[] slots = {-1, -1, 1, iov, 1, nwritten, -1};
            h.wasi.functions().get("fd_write").invoke(slots, new Object[slots.length], 2);
            assertEquals(0, slots[2]);
            assertEquals(9, h.mem.loadInt(nwritten));
            assertEquals("raw hello", h.stdout.toString(StandardCharsets.UTF_8));
            assertEquals(-1, slots[1], "slots below base untouched");

            // An i32 errno lands in the low 32 bits; i32 arguments ignore the high bits.
            long[] bad = {0xFFFF_FFFF_0000_0063L};
            h.wasi.functions().get("fd_close").invoke(bad, new Object[1], 0);
            assertEquals(Errno.BADF, (int) bad[0]);
        }
    }

    @Test
    void i64ParametersArriveWhole() throws Exception {
        try (Harness h = new Harness(dir)) {
            int fd = h.openOk("big", PathCalls.O_CREAT, Rights.FD_FILESTAT_SET_SIZE | Rights.FD_WRITE);
            long[] slots = {fd, 5_000_000_000L};
            h.wasi.functions().get("fd_filestat_set_size").invoke(slots, new Object[2], 0);
            assertEquals(0, slots[0]);
            assertEquals(5_000_000_000L, Files.size(dir.resolve("big")));
        }
    }

    @Test
    void pathOpenThroughTheRawConvention() {
        try (Harness h = new Harness(dir)) {
            int p = h.str("made.txt");
            int fdOut = h.alloc(4);
            long[] slots = {3, 0, p, 8, PathCalls.O_CREAT, Rights.FD_WRITE, 0, 0, fdOut};
            h.wasi.functions().get("path_open").invoke(slots, new Object[slots.length], 0);
            assertEquals(0, slots[0]);
            assertEquals(4, h.mem.loadInt(fdOut));
            assertTrue(Files.exists(dir.resolve("made.txt")));
        }
    }

    @Test
    void procExitPropagatesAsAnExitNotATrap() {
        try (Harness h = new Harness(dir)) {
            WasiExitException e = assertThrows(WasiExitException.class,
                    () -> h.wasi.functions().get("proc_exit").invoke(new long[] {17}, new Object[1], 0));
            assertEquals(17, e.code());
        }
    }

    @Test
    void withoutACallerTheDefaultPlumbingRefusesClearly() {
        WasiPreview1 w = new WasiPreview1(WasiConfig.builder().build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> w.functions().get("fd_write").invoke(new long[4], new Object[4], 0));
        assertTrue(e.getMessage().contains("module instance"));
        // Functions that do not touch memory work without a caller.
        long[] slots = {1, 1};
        w.functions().get("sock_shutdown").invoke(slots, new Object[2], 0);
        assertEquals(Errno.NOTSOCK, slots[0]);
    }

    @Test
    void runStartReportsTheExitCode() {
        FuncType none = FuncType.of(new ValType[0]);
        HostFunction returns = new HostFunction(none, "_start", (caller, s, r, b) -> { });
        HostFunction exits = new HostFunction(none, "_start", (caller, s, r, b) -> {
            throw new WasiExitException(42);
        });
        assertEquals(0, WasiPreview1.runStart(returns));
        assertEquals(42, WasiPreview1.runStart(exits));
        HostFunction wrongType = new HostFunction(sig(I32), "_start", (caller, s, r, b) -> { });
        assertThrows(IllegalArgumentException.class, () -> WasiPreview1.runStart(wrongType));
    }
}

package org.ssvm.compiler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssvm.Linker;
import org.ssvm.model.FuncType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Module;
import org.ssvm.runtime.HostFunction;
import org.ssvm.runtime.Memory;

/**
 * Just enough WASI preview 1 for the benchmark kernels (arguments, writing to stdout/stderr, exit), so that the
 * same program can run in both engines and their outputs be compared.
 */
final class MiniWasi {
    /** proc_exit unwinds the guest with this. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super("exit " + code, null, false, false);
            this.code = code;
        }
    }

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<byte[]> args;

    MiniWasi(String... args) {
        this.args = java.util.Arrays.stream(args).map(a -> (a + "\0").getBytes(StandardCharsets.UTF_8)).toList();
    }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    /** Defines every WASI function {@code module} imports. */
    void define(Linker linker, Module module) {
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Func f && imp.module().equals("wasi_snapshot_preview1")) {
                FuncType type = module.types().get(f.typeIndex());
                linker.function(imp.module(), imp.name(), type, body(imp.name()));
            }
        }
    }

    private HostFunction.Body body(String name) {
        return switch (name) {
            case "args_sizes_get" -> (caller, s, r, base) -> {
                Memory m = caller.memory(0);
                int total = args.stream().mapToInt(a -> a.length).sum();
                m.storeInt(u(s[base]), args.size());
                m.storeInt(u(s[base + 1]), total);
                s[base] = 0;
            };
            case "args_get" -> (caller, s, r, base) -> {
                Memory m = caller.memory(0);
                long argv = u(s[base]);
                long buf = u(s[base + 1]);
                for (byte[] a : args) {
                    m.storeInt(argv, (int) buf);
                    argv += 4;
                    m.write(buf, a, 0, a.length);
                    buf += a.length;
                }
                s[base] = 0;
            };
            case "fd_write" -> (caller, s, r, base) -> {
                Memory m = caller.memory(0);
                long iovs = u(s[base + 1]);
                int n = (int) s[base + 2];
                int written = 0;
                for (int i = 0; i < n; i++) {
                    long ptr = u(m.loadInt(iovs + 8L * i));
                    int len = m.loadInt(iovs + 8L * i + 4);
                    byte[] bytes = new byte[len];
                    m.read(ptr, bytes, 0, len);
                    out.write(bytes, 0, len);
                    written += len;
                }
                m.storeInt(u(s[base + 3]), written);
                s[base] = 0;
            };
            case "fd_fdstat_get" -> (caller, s, r, base) -> {
                Memory m = caller.memory(0);
                long p = u(s[base + 1]);
                m.fill(p, (byte) 0, 24);
                m.storeByte(p, (byte) 2); // character device
                s[base] = 0;
            };
            case "fd_close" -> (caller, s, r, base) -> s[base] = 0;
            case "fd_seek" -> (caller, s, r, base) -> s[base] = 70; // ESPIPE
            case "proc_exit" -> (caller, s, r, base) -> {
                throw new Exit((int) s[base]);
            };
            default -> (caller, s, r, base) -> {
                throw new UnsupportedOperationException("MiniWasi does not provide " + name);
            };
        };
    }

    private static long u(long v) { return v & 0xFFFF_FFFFL; }
}

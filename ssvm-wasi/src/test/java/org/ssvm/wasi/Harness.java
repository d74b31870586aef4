package org.ssvm.wasi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.runtime.Memory;

/**
 * Drives the WASI logic directly against a one-page memory: a sandbox directory preopened as fd 3, captured
 * standard streams, a fixed clock and a seeded random source.
 */
final class Harness implements AutoCloseable {
    static final int SANDBOX_FD = 3;

    final Memory mem = new Memory(new MemoryType(Limits.of(1)));
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final WasiPreview1 wasi;
    final Path sandbox;
    private int next = 1024;

    Harness(Path sandbox) {
        this(sandbox, b -> b.preopen(sandbox, "sandbox"));
    }

    Harness(Path sandbox, Consumer<WasiConfig.Builder> setup) {
        this.sandbox = sandbox;
        WasiConfig.Builder b = WasiConfig.builder()
                .stdin(new ByteArrayInputStream("input line\n".getBytes(StandardCharsets.UTF_8)))
                .stdout(stdout).stderr(stderr)
                .realtimeClock(() -> 1_700_000_000_123_456_789L)
                .monotonicClock(System::nanoTime)
                .random(new Random(42));
        setup.accept(b);
        this.wasi = new WasiPreview1(b.build(), caller -> mem);
    }

    FdCalls fd() { return wasi.fd(); }

    PathCalls path() { return wasi.path(); }

    ProcessCalls process() { return wasi.process(); }

    /** Reserves {@code size} bytes (8-aligned) of guest memory. */
    int alloc(int size) {
        int p = next;
        next += (size + 7) & ~7;
        return p;
    }

    /** A guest string; returns its address (its length is the UTF-8 length). */
    int str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int p = alloc(Math.max(1, b.length));
        mem.write(p, b, 0, b.length);
        return p;
    }

    static int len(String s) { return s.getBytes(StandardCharsets.UTF_8).length; }

    String readString(int ptr, int len) {
        byte[] b = new byte[len];
        mem.read(ptr, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** One iovec pointing at a fresh buffer holding {@code data}; returns the iovec address. */
    int iovec(byte[] data) {
        int buf = alloc(data.length);
        mem.write(buf, data, 0, data.length);
        int iov = alloc(8);
        mem.storeInt(iov, buf);
        mem.storeInt(iov + 4, data.length);
        return iov;
    }

    /** One iovec pointing at an empty buffer of {@code size} bytes. */
    int iovecOf(int size) {
        return iovec(new byte[size]);
    }

    String iovecContent(int iov, int n) {
        return readString(mem.loadInt(iov), n);
    }

    // ---- shortcuts that return the errno and leave results at known addresses ----

    final int out = alloc(64);

    int open(int dirFd, String path, int lookup, int oflags, long rights, int fdflags) {
        return path().pathOpen(mem, dirFd, lookup, str(path), len(path), oflags, rights, Rights.ALL, fdflags, out);
    }

    /** Opens and returns the new fd, failing the test on any errno. */
    int openOk(String path, int oflags, long rights) {
        int errno = open(SANDBOX_FD, path, 0, oflags, rights, 0);
        if (errno != Errno.SUCCESS) {
            throw new AssertionError("path_open " + path + " failed with errno " + errno);
        }
        return mem.loadInt(out);
    }

    int write(int fd, String data) {
        int iov = iovec(data.getBytes(StandardCharsets.UTF_8));
        return fd().fdWrite(mem, fd, iov, 1, out);
    }

    int mkdir(int dirFd, String path) {
        return path().pathCreateDirectory(mem, dirFd, str(path), len(path));
    }

    int symlink(String target, int dirFd, String path) {
        return path().pathSymlink(mem, str(target), len(target), dirFd, str(path), len(path));
    }

    int unlink(int dirFd, String path) {
        return path().pathUnlinkFile(mem, dirFd, str(path), len(path));
    }

    int rmdir(int dirFd, String path) {
        return path().pathRemoveDirectory(mem, dirFd, str(path), len(path));
    }

    int rename(int fd, String from, int toFd, String to) {
        return path().pathRename(mem, fd, str(from), len(from), toFd, str(to), len(to));
    }

    int link(int fd, int flags, String from, int toFd, String to) {
        return path().pathLink(mem, fd, flags, str(from), len(from), toFd, str(to), len(to));
    }

    int stat(int fd, int flags, String path) {
        return path().pathFilestatGet(mem, fd, flags, str(path), len(path), out);
    }

    @Override
    public void close() { wasi.close(); }
}

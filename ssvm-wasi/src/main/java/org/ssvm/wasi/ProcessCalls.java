package org.ssvm.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ssvm.runtime.Memory;

/**
 * Arguments, environment, clocks, randomness, process control, poll_oneoff and the socket stubs of WASI
 * preview 1.
 */
public final class ProcessCalls {
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME = 2;
    static final int CLOCK_THREAD_CPUTIME = 3;
    /** Resolution reported for every clock: the JDK's wall clock and nanoTime are good to a microsecond. */
    static final long CLOCK_RESOLUTION_NANOS = 1000;

    private final WasiContext ctx;
    private final byte[][] args;
    private final byte[][] env;

    ProcessCalls(WasiContext ctx) {
        this.ctx = ctx;
        this.args = encode(ctx.config.args());
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : ctx.config.env().entrySet()) {
            pairs.add(e.getKey() + "=" + e.getValue());
        }
        this.env = encode(pairs);
    }

    public int argsSizesGet(Memory mem, int argcPtr, int bufSizePtr) {
        return sizes(mem, args, argcPtr, bufSizePtr);
    }

    public int argsGet(Memory mem, int argvPtr, int bufPtr) {
        return strings(mem, args, argvPtr, bufPtr);
    }

    public int environSizesGet(Memory mem, int countPtr, int bufSizePtr) {
        return sizes(mem, env, countPtr, bufSizePtr);
    }

    public int environGet(Memory mem, int environPtr, int bufPtr) {
        return strings(mem, env, environPtr, bufPtr);
    }

    public int clockResGet(Memory mem, int clockId, int resultPtr) {
        return Calls.run(() -> {
            if (clockId < CLOCK_REALTIME || clockId > CLOCK_THREAD_CPUTIME) {
                throw new ErrnoException(Errno.INVAL);
            }
            GuestMemory.storeLong(mem, resultPtr, CLOCK_RESOLUTION_NANOS);
        });
    }

    public int clockTimeGet(Memory mem, int clockId, long precision, int resultPtr) {
        return Calls.run(() -> GuestMemory.storeLong(mem, resultPtr, now(clockId)));
    }

    public int randomGet(Memory mem, int buf, int bufLen) {
        return Calls.run(() -> {
            GuestMemory.check(mem, buf, bufLen);
            byte[] bytes = new byte[bufLen];
            ctx.config.random().nextBytes(bytes);
            mem.write(Integer.toUnsignedLong(buf), bytes, 0, bufLen);
        });
    }

    /** Never returns: the runner catches the exception and reports the code. */
    public void procExit(int code) {
        throw new WasiExitException(code);
    }

    /** Signals are not part of the sandbox; preview 1 itself deprecates proc_raise. */
    public int procRaise(int signal) {
        return Errno.NOSYS;
    }

    public int schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }

    public int pollOneoff(Memory mem, int in, int out, int nsubscriptions, int neventsPtr) {
        return Calls.run(() -> new Poller(ctx, this).poll(mem, in, out, nsubscriptions, neventsPtr));
    }

    // Sockets: SSVM preopens none, so a valid fd is never a socket.

    public int sockAccept(int fd, int flags, int fdPtr) {
        return notSocket(fd);
    }

    public int sockRecv(int fd, int riData, int riDataLen, int riFlags, int roDataLenPtr, int roFlagsPtr) {
        return notSocket(fd);
    }

    public int sockSend(int fd, int siData, int siDataLen, int siFlags, int soDataLenPtr) {
        return notSocket(fd);
    }

    public int sockShutdown(int fd, int how) {
        return notSocket(fd);
    }

    private int notSocket(int fd) {
        return ctx.fds.isOpen(fd) ? Errno.NOTSOCK : Errno.BADF;
    }

    /** The current value of a clock in nanoseconds, or EINVAL for an unknown clock. */
    long now(int clockId) {
        return switch (clockId) {
            case CLOCK_REALTIME -> ctx.config.realtimeNanos().getAsLong();
            case CLOCK_MONOTONIC -> ctx.config.monotonicNanos().getAsLong();
            case CLOCK_PROCESS_CPUTIME -> processCpuNanos();
            case CLOCK_THREAD_CPUTIME -> threadCpuNanos();
            default -> throw new ErrnoException(Errno.INVAL);
        };
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return threadCpuNanos();
    }

    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }

    private static byte[][] encode(List<String> values) {
        byte[][] out = new byte[values.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static int sizes(Memory mem, byte[][] values, int countPtr, int bufSizePtr) {
        return Calls.run(() -> {
            long size = 0;
            for (byte[] v : values) {
                size += v.length + 1;
            }
            GuestMemory.check(mem, countPtr, 4);
            GuestMemory.check(mem, bufSizePtr, 4);
            GuestMemory.storeInt(mem, countPtr, values.length);
            GuestMemory.storeInt(mem, bufSizePtr, (int) size);
        });
    }

    /** Writes NUL-terminated strings packed at {@code bufPtr} and a pointer to each at {@code ptrsPtr}. */
    private static int strings(Memory mem, byte[][] values, int ptrsPtr, int bufPtr) {
        return Calls.run(() -> {
            long size = 0;
            for (byte[] v : values) {
                size += v.length + 1;
            }
            GuestMemory.check(mem, ptrsPtr, values.length * 4);
            GuestMemory.check(mem, bufPtr, (int) size);
            long p = Integer.toUnsignedLong(bufPtr);
            for (int i = 0; i < values.length; i++) {
                mem.storeInt(Integer.toUnsignedLong(ptrsPtr) + 4L * i, (int) p);
                mem.write(p, values[i], 0, values[i].length);
                mem.storeByte(p + values[i].length, (byte) 0);
                p += values[i].length + 1;
            }
        });
    }
}

package org.ssvm.wasi;

import java.io.IOException;
import org.ssvm.runtime.Memory;

/**
 * poll_oneoff for clock and fd_read/fd_write subscriptions. Files and the standard streams are always ready
 * (a read of stdin may still block, as it does for native programs); clocks are waited for by sleeping until
 * the earliest deadline when nothing else is ready.
 *
 * <p>Layouts: subscription (48 bytes) = userdata u64 @0, tag u8 @8, then at 16 either a clock (id u32 @16,
 * timeout u64 @24, precision u64 @32, flags u16 @40) or an fd (u32 @16). Event (32 bytes) = userdata u64 @0,
 * error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24.
 */
final class Poller {
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;
    static final int EVENT_CLOCK = 0;
    static final int EVENT_FD_READ = 1;
    static final int EVENT_FD_WRITE = 2;
    static final int SUBCLOCK_ABSTIME = 1;

    private final WasiContext ctx;
    private final ProcessCalls clocks;

    Poller(WasiContext ctx, ProcessCalls clocks) {
        this.ctx = ctx;
        this.clocks = clocks;
    }

    void poll(Memory mem, int in, int out, int n, int neventsPtr) throws IOException {
        if (n <= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        if (n > 4096) {
            throw new ErrnoException(Errno.NOTSUP);
        }
        GuestMemory.check(mem, in, n * SUBSCRIPTION_SIZE);
        GuestMemory.check(mem, out, n * EVENT_SIZE);
        GuestMemory.check(mem, neventsPtr, 4);
        long inBase = Integer.toUnsignedLong(in);
        long outBase = Integer.toUnsignedLong(out);

        long[] deadlines = new long[n]; // in monotonic nanos; Long.MAX_VALUE for non-clock subscriptions
        int[] clockIds = new int[n];
        int events = 0;
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long s = inBase + (long) i * SUBSCRIPTION_SIZE;
            long userdata = mem.loadLong(s);
            int tag = mem.loadByte(s + 8) & 0xFF;
            deadlines[i] = Long.MAX_VALUE;
            switch (tag) {
                case EVENT_CLOCK -> {
                    int id = mem.loadInt(s + 16);
                    long timeout = mem.loadLong(s + 24);
                    int flags = mem.loadShort(s + 40) & 0xFFFF;
                    long now;
                    try {
                        now = clocks.now(id);
                    } catch (ErrnoException e) {
                        event(mem, outBase, events++, userdata, e.errno, tag, 0);
                        continue;
                    }
                    boolean abs = (flags & SUBCLOCK_ABSTIME) != 0;
                    // Timeouts are unsigned: a relative one above 2^63 ns is as good as forever.
                    long wait = abs ? timeout - now : timeout < 0 ? Long.MAX_VALUE : timeout;
                    long mono = ctx.config.monotonicNanos().getAsLong();
                    deadlines[i] = wait <= 0 ? mono : saturatingAdd(mono, wait);
                    clockIds[i] = id;
                    earliest = Math.min(earliest, deadlines[i]);
                }
                case EVENT_FD_READ, EVENT_FD_WRITE -> {
                    int fd = mem.loadInt(s + 16);
                    int errno = Errno.SUCCESS;
                    long nbytes = 0;
                    if (!ctx.fds.isOpen(fd)) {
                        errno = Errno.BADF;
                    } else {
                        Descriptor d = ctx.fds.get(fd);
                        if ((d.rightsBase & Rights.POLL_FD_READWRITE) == 0 && !(d instanceof FileFd)) {
                            errno = Errno.NOTCAPABLE;
                        } else if (d instanceof DirFd) {
                            errno = Errno.BADF;
                        } else if (tag == EVENT_FD_READ) {
                            nbytes = readable(d);
                        }
                    }
                    event(mem, outBase, events++, userdata, errno, tag, nbytes);
                }
                default -> throw new ErrnoException(Errno.INVAL);
            }
        }
        if (events == 0 && earliest != Long.MAX_VALUE) {
            sleepUntil(earliest);
        }
        long mono = ctx.config.monotonicNanos().getAsLong();
        for (int i = 0; i < n; i++) {
            if (deadlines[i] != Long.MAX_VALUE && deadlines[i] <= mono) {
                long s = inBase + (long) i * SUBSCRIPTION_SIZE;
                event(mem, outBase, events++, mem.loadLong(s), Errno.SUCCESS, EVENT_CLOCK, 0);
            }
        }
        if (events == 0 && earliest != Long.MAX_VALUE) {
            // The clock source did not advance as far as we slept (a test clock): report the earliest anyway.
            for (int i = 0; i < n; i++) {
                if (deadlines[i] == earliest) {
                    long s = inBase + (long) i * SUBSCRIPTION_SIZE;
                    event(mem, outBase, events++, mem.loadLong(s), Errno.SUCCESS, EVENT_CLOCK, 0);
                    break;
                }
            }
        }
        mem.storeInt(Integer.toUnsignedLong(neventsPtr), events);
    }

    private long readable(Descriptor d) throws IOException {
        if (d instanceof FileFd f) {
            return Math.max(0, f.channel.size() - f.channel.position());
        }
        if (d instanceof StreamFd s && s.in != null) {
            return s.in.available();
        }
        return 0;
    }

    private void sleepUntil(long deadline) {
        long wait = deadline - ctx.config.monotonicNanos().getAsLong();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(Memory mem, long outBase, int index, long userdata, int errno, int type, long nbytes) {
        long e = outBase + (long) index * EVENT_SIZE;
        for (int k = 0; k < EVENT_SIZE; k += 8) {
            mem.storeLong(e + k, 0);
        }
        mem.storeLong(e, userdata);
        mem.storeShort(e + 8, (short) errno);
        mem.storeByte(e + 10, (byte) type);
        mem.storeLong(e + 16, nbytes);
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }
}

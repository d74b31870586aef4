package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, environment, clocks, random, proc_*, sched_yield, sockets and poll_oneoff. */
class ProcessCallsTest {
    @TempDir
    Path dir;
    Harness h;
    final AtomicLong monotonic = new AtomicLong(5_000);

    @BeforeEach
    void setUp() {
        h = new Harness(dir, b -> b.preopen(dir, "d").args("prog", "héllo", "")
                .env("A", "1").env("PATH", "/bin").monotonicClock(monotonic::get));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void argsAreNulTerminatedUtf8() {
        int argc = h.alloc(4);
        int size = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.process().argsSizesGet(h.mem, argc, size));
        assertEquals(3, h.mem.loadInt(argc));
        assertEquals(5 + 7 + 1, h.mem.loadInt(size)); // "prog\0" "héllo\0" (é is 2 bytes) "\0"
        int argv = h.alloc(12);
        int buf = h.alloc(16);
        assertEquals(Errno.SUCCESS, h.process().argsGet(h.mem, argv, buf));
        assertEquals(buf, h.mem.loadInt(argv));
        assertEquals(buf + 5, h.mem.loadInt(argv + 4));
        assertEquals(buf + 12, h.mem.loadInt(argv + 8));
        assertEquals("prog\0héllo\0\0", h.readString(buf, 13));
        assertEquals(Errno.FAULT, h.process().argsGet(h.mem, 65534, buf));
    }

    @Test
    void environIsKeyEqualsValue() {
        int count = h.alloc(4);
        int size = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.process().environSizesGet(h.mem, count, size));
        assertEquals(2, h.mem.loadInt(count));
        assertEquals(4 + 10, h.mem.loadInt(size));
        int ptrs = h.alloc(8);
        int buf = h.alloc(16);
        assertEquals(Errno.SUCCESS, h.process().environGet(h.mem, ptrs, buf));
        assertEquals("A=1\0PATH=/bin\0", h.readString(buf, 14));
        assertEquals(buf + 4, h.mem.loadInt(ptrs + 4));
    }

    @Test
    void emptyArgsAndEnvironment() {
        try (Harness bare = new Harness(dir, b -> {})) {
            assertEquals(Errno.SUCCESS, bare.process().argsSizesGet(bare.mem, bare.out, bare.out + 4));
            assertEquals(0, bare.mem.loadInt(bare.out));
            assertEquals(0, bare.mem.loadInt(bare.out + 4));
            assertEquals(Errno.SUCCESS, bare.process().environSizesGet(bare.mem, bare.out, bare.out + 4));
            assertEquals(0, bare.mem.loadInt(bare.out));
            // No preopens: fd 3 is not open.
            assertEquals(Errno.BADF, bare.fd().fdPrestatGet(bare.mem, 3, bare.out));
        }
    }

    @Test
    void clocks() {
        int t = h.alloc(8);
        assertEquals(Errno.SUCCESS, h.process().clockTimeGet(h.mem, 0, 1, t));
        assertEquals(1_700_000_000_123_456_789L, h.mem.loadLong(t));
        assertEquals(Errno.SUCCESS, h.process().clockTimeGet(h.mem, 1, 1, t));
        assertEquals(5_000, h.mem.loadLong(t));
        for (int id = 2; id <= 3; id++) {
            assertEquals(Errno.SUCCESS, h.process().clockTimeGet(h.mem, id, 1, t));
            assertTrue(h.mem.loadLong(t) > 0);
        }
        for (int id = 0; id <= 3; id++) {
            assertEquals(Errno.SUCCESS, h.process().clockResGet(h.mem, id, t));
            assertTrue(h.mem.loadLong(t) > 0);
        }
        assertEquals(Errno.INVAL, h.process().clockTimeGet(h.mem, 4, 1, t));
        assertEquals(Errno.INVAL, h.process().clockResGet(h.mem, -1, t));
    }

    @Test
    void randomUsesTheConfiguredSource() {
        int buf = h.alloc(32);
        assertEquals(Errno.SUCCESS, h.process().randomGet(h.mem, buf, 32));
        byte[] got = new byte[32];
        h.mem.read(buf, got, 0, 32);
        byte[] expected = new byte[32];
        new Random(42).nextBytes(expected);
        assertArrayEquals(expected, got);
        assertEquals(Errno.SUCCESS, h.process().randomGet(h.mem, buf, 0));
        assertEquals(Errno.FAULT, h.process().randomGet(h.mem, 65530, 32));
    }

    @Test
    void procExitThrowsWithTheCode() {
        WasiExitException e = assertThrows(WasiExitException.class, () -> h.process().procExit(3));
        assertEquals(3, e.code());
        assertEquals(Errno.NOSYS, h.process().procRaise(9));
        assertEquals(Errno.SUCCESS, h.process().schedYield());
    }

    @Test
    void socketsAreNeverPresent() {
        assertEquals(Errno.BADF, h.process().sockShutdown(99, 1));
        assertEquals(Errno.NOTSOCK, h.process().sockShutdown(1, 1));
        assertEquals(Errno.NOTSOCK, h.process().sockAccept(3, 0, h.out));
        assertEquals(Errno.NOTSOCK, h.process().sockRecv(0, 0, 0, 0, 0, 0));
        assertEquals(Errno.BADF, h.process().sockSend(42, 0, 0, 0, 0));
    }

    private int subscription(long userdata, int tag, int fdOrClock, long timeout, int flags) {
        int s = h.alloc(48);
        h.mem.storeLong(s, userdata);
        h.mem.storeByte(s + 8, (byte) tag);
        h.mem.storeInt(s + 16, fdOrClock);
        h.mem.storeLong(s + 24, timeout);
        h.mem.storeShort(s + 40, (short) flags);
        return s;
    }

    @Test
    void pollFdSubscriptionsAreReadyAtOnce() {
        int subs = subscription(7, Poller.EVENT_FD_WRITE, 1, 0, 0);
        subscription(8, Poller.EVENT_CLOCK, 1, 1_000_000_000_000L, 0); // a far clock never fires here
        subscription(9, Poller.EVENT_FD_READ, 77, 0, 0);
        int events = h.alloc(3 * 32);
        int n = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.process().pollOneoff(h.mem, subs, events, 3, n));
        assertEquals(2, h.mem.loadInt(n));
        assertEquals(7, h.mem.loadLong(events));
        assertEquals(Errno.SUCCESS, h.mem.loadShort(events + 8));
        assertEquals(Poller.EVENT_FD_WRITE, h.mem.loadByte(events + 10));
        assertEquals(9, h.mem.loadLong(events + 32));
        assertEquals(Errno.BADF, h.mem.loadShort(events + 32 + 8));
    }

    @Test
    void pollReadOnStdinReportsAvailableBytes() {
        int subs = subscription(1, Poller.EVENT_FD_READ, 0, 0, 0);
        int events = h.alloc(32);
        assertEquals(Errno.SUCCESS, h.process().pollOneoff(h.mem, subs, events, 1, h.out));
        assertEquals(1, h.mem.loadInt(h.out));
        assertEquals(11, h.mem.loadLong(events + 16));
    }

    @Test
    void pollClockSleepsAndFires() {
        try (Harness real = new Harness(dir)) {
            int subs = real.alloc(48);
            real.mem.storeLong(subs, 42);
            real.mem.storeByte(subs + 8, (byte) Poller.EVENT_CLOCK);
            real.mem.storeInt(subs + 16, ProcessCalls.CLOCK_MONOTONIC);
            real.mem.storeLong(subs + 24, 20_000_000L); // 20 ms
            int events = real.alloc(32);
            long start = System.nanoTime();
            assertEquals(Errno.SUCCESS, real.process().pollOneoff(real.mem, subs, events, 1, real.out));
            assertTrue(System.nanoTime() - start >= 19_000_000L, "slept for the timeout");
            assertEquals(1, real.mem.loadInt(real.out));
            assertEquals(42, real.mem.loadLong(events));
            assertEquals(Poller.EVENT_CLOCK, real.mem.loadByte(events + 10));
        }
    }

    @Test
    void pollAbsoluteClockInThePastFiresImmediately() {
        int subs = subscription(5, Poller.EVENT_CLOCK, ProcessCalls.CLOCK_MONOTONIC, 10, Poller.SUBCLOCK_ABSTIME);
        int events = h.alloc(32);
        assertEquals(Errno.SUCCESS, h.process().pollOneoff(h.mem, subs, events, 1, h.out));
        assertEquals(1, h.mem.loadInt(h.out));
        assertEquals(5, h.mem.loadLong(events));
    }

    @Test
    void pollRejectsNoSubscriptionsAndBadTags() {
        int events = h.alloc(32);
        assertEquals(Errno.INVAL, h.process().pollOneoff(h.mem, h.alloc(48), events, 0, h.out));
        int subs = subscription(1, 9, 0, 0, 0);
        assertEquals(Errno.INVAL, h.process().pollOneoff(h.mem, subs, events, 1, h.out));
        int badClock = subscription(1, Poller.EVENT_CLOCK, 17, 0, 0);
        assertEquals(Errno.SUCCESS, h.process().pollOneoff(h.mem, badClock, events, 1, h.out));
        assertEquals(Errno.INVAL, h.mem.loadShort(events + 8));
    }
}

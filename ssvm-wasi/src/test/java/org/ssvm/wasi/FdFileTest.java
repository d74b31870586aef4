package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_* on regular files: reading, writing, offsets, stat, size, times, flags, rights, close and renumber. */
class FdFileTest {
    private static final long RW = Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL
            | Rights.FD_FILESTAT_GET | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_FILESTAT_SET_TIMES
            | Rights.FD_ALLOCATE | Rights.FD_ADVISE | Rights.FD_SYNC | Rights.FD_DATASYNC
            | Rights.FD_FDSTAT_SET_FLAGS;

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void writeSeekReadAndTell() throws IOException {
        int fd = h.openOk("f.txt", PathCalls.O_CREAT, RW);
        assertEquals(Errno.SUCCESS, h.write(fd, "hello world"));
        assertEquals(11, h.mem.loadInt(h.out));
        assertEquals("hello world", Files.readString(dir.resolve("f.txt")));

        int pos = h.alloc(8);
        assertEquals(Errno.SUCCESS, h.fd().fdSeek(h.mem, fd, 6, 0, pos));
        assertEquals(6, h.mem.loadLong(pos));
        int iov = h.iovecOf(16);
        int nread = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.fd().fdRead(h.mem, fd, iov, 1, nread));
        assertEquals(5, h.mem.loadInt(nread));
        assertEquals("world", h.iovecContent(iov, 5));
        assertEquals(Errno.SUCCESS, h.fd().fdTell(h.mem, fd, pos));
        assertEquals(11, h.mem.loadLong(pos));

        assertEquals(Errno.SUCCESS, h.fd().fdSeek(h.mem, fd, -5, 2, pos)); // from end
        assertEquals(6, h.mem.loadLong(pos));
        assertEquals(Errno.SUCCESS, h.fd().fdSeek(h.mem, fd, -1, 1, pos)); // from current
        assertEquals(5, h.mem.loadLong(pos));
        assertEquals(Errno.INVAL, h.fd().fdSeek(h.mem, fd, -100, 1, pos));
        assertEquals(Errno.INVAL, h.fd().fdSeek(h.mem, fd, 0, 3, pos));
        // At end of file a read returns 0 bytes, not an error.
        assertEquals(Errno.SUCCESS, h.fd().fdSeek(h.mem, fd, 0, 2, pos));
        assertEquals(Errno.SUCCESS, h.fd().fdRead(h.mem, fd, iov, 1, nread));
        assertEquals(0, h.mem.loadInt(nread));
    }

    @Test
    void scatterGatherUsesEveryIovec() throws IOException {
        int fd = h.openOk("sg.txt", PathCalls.O_CREAT, RW);
        int iovs = h.alloc(16);
        int a = h.str("abc");
        int b = h.str("defg");
        h.mem.storeInt(iovs, a);
        h.mem.storeInt(iovs + 4, 3);
        h.mem.storeInt(iovs + 8, b);
        h.mem.storeInt(iovs + 12, 4);
        assertEquals(Errno.SUCCESS, h.fd().fdWrite(h.mem, fd, iovs, 2, h.out));
        assertEquals(7, h.mem.loadInt(h.out));
        assertEquals("abcdefg", Files.readString(dir.resolve("sg.txt")));
    }

    @Test
    void preadAndPwriteLeaveTheOffsetAlone() throws IOException {
        Files.writeString(dir.resolve("p.txt"), "0123456789");
        int fd = h.openOk("p.txt", 0, RW);
        int iov = h.iovec("AB".getBytes());
        assertEquals(Errno.SUCCESS, h.fd().fdPwrite(h.mem, fd, iov, 1, 3, h.out));
        assertEquals(2, h.mem.loadInt(h.out));
        int rd = h.iovecOf(4);
        assertEquals(Errno.SUCCESS, h.fd().fdPread(h.mem, fd, rd, 1, 2, h.out));
        assertEquals("2AB5", h.iovecContent(rd, 4));
        int pos = h.alloc(8);
        assertEquals(Errno.SUCCESS, h.fd().fdTell(h.mem, fd, pos));
        assertEquals(0, h.mem.loadLong(pos));
        assertEquals("012AB56789", Files.readString(dir.resolve("p.txt")));
        // Past the end pread reads nothing; a negative offset is invalid.
        assertEquals(Errno.SUCCESS, h.fd().fdPread(h.mem, fd, rd, 1, 100, h.out));
        assertEquals(0, h.mem.loadInt(h.out));
        assertEquals(Errno.INVAL, h.fd().fdPread(h.mem, fd, rd, 1, -1, h.out));
    }

    @Test
    void appendFlagWritesAtTheEnd() throws IOException {
        Files.writeString(dir.resolve("log.txt"), "one\n");
        assertEquals(Errno.SUCCESS, h.open(Harness.SANDBOX_FD, "log.txt", 0, 0, RW, FdCalls.FDFLAG_APPEND));
        int fd = h.mem.loadInt(h.out);
        assertEquals(Errno.SUCCESS, h.write(fd, "two\n"));
        assertEquals("one\ntwo\n", Files.readString(dir.resolve("log.txt")));

        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, fd, stat));
        assertEquals(FdCalls.FDFLAG_APPEND, h.mem.loadShort(stat + 2));
        // Turning append off makes writes go to the current offset again.
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatSetFlags(fd, 0));
        int pos = h.alloc(8);
        assertEquals(Errno.SUCCESS, h.fd().fdSeek(h.mem, fd, 0, 0, pos));
        assertEquals(Errno.SUCCESS, h.write(fd, "ONE"));
        assertEquals("ONE\ntwo\n", Files.readString(dir.resolve("log.txt")));
        assertEquals(Errno.INVAL, h.fd().fdFdstatSetFlags(fd, 0x100));
    }

    @Test
    void fdstatLayoutAndRights() {
        int fd = h.openOk("r.txt", PathCalls.O_CREAT, Rights.FD_READ | Rights.FD_SEEK);
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, fd, stat));
        assertEquals(FileType.REGULAR_FILE, h.mem.loadByte(stat));
        assertEquals(Rights.FD_READ | Rights.FD_SEEK, h.mem.loadLong(stat + 8));
        // Writing without the write right fails like a read-only POSIX fd.
        assertEquals(Errno.BADF, h.write(fd, "x"));
        // Rights can be dropped but never regained.
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatSetRights(fd, Rights.FD_SEEK, 0));
        int iov = h.iovecOf(4);
        assertEquals(Errno.BADF, h.fd().fdRead(h.mem, fd, iov, 1, h.out));
        assertEquals(Errno.NOTCAPABLE, h.fd().fdFdstatSetRights(fd, Rights.FD_SEEK | Rights.FD_READ, 0));
        assertEquals(Errno.NOTCAPABLE, h.fd().fdTell(h.mem, fd, h.out));
    }

    @Test
    void filestatSizeAllocateAndTimes() throws IOException {
        int fd = h.openOk("s.bin", PathCalls.O_CREAT, RW);
        assertEquals(Errno.SUCCESS, h.write(fd, "12345"));
        int st = h.alloc(64);
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, fd, st));
        assertEquals(FileType.REGULAR_FILE, h.mem.loadByte(st + 16));
        assertEquals(5, h.mem.loadLong(st + 32));
        assertEquals(1, h.mem.loadLong(st + 24)); // nlink
        assertNotEquals(0, h.mem.loadLong(st + 8)); // inode

        assertEquals(Errno.SUCCESS, h.fd().fdFilestatSetSize(fd, 2));
        assertEquals(2, Files.size(dir.resolve("s.bin")));
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatSetSize(fd, 10));
        assertEquals(10, Files.size(dir.resolve("s.bin")));
        byte[] content = Files.readAllBytes(dir.resolve("s.bin"));
        assertEquals('1', content[0]);
        assertEquals(0, content[9]);
        assertEquals(Errno.SUCCESS, h.fd().fdAllocate(fd, 0, 50));
        assertEquals(50, Files.size(dir.resolve("s.bin")));
        assertEquals(Errno.SUCCESS, h.fd().fdAllocate(fd, 0, 5));
        assertEquals(50, Files.size(dir.resolve("s.bin")), "allocate never shrinks");

        long mtime = 1_600_000_000_000_000_000L;
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatSetTimes(fd, 0, mtime, TimeSetter.MTIM));
        assertEquals(FileTime.from(mtime, TimeUnit.NANOSECONDS).toMillis(),
                Files.getLastModifiedTime(dir.resolve("s.bin")).toMillis());
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, fd, st));
        assertEquals(mtime / 1000, h.mem.loadLong(st + 48) / 1000);
        // MTIM_NOW uses the configured clock.
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatSetTimes(fd, 0, 0, TimeSetter.MTIM_NOW));
        assertEquals(1_700_000_000_123L, Files.getLastModifiedTime(dir.resolve("s.bin")).toMillis());
        assertEquals(Errno.INVAL, h.fd().fdFilestatSetTimes(fd, 0, 0, TimeSetter.MTIM | TimeSetter.MTIM_NOW));
        assertEquals(Errno.INVAL, h.fd().fdFilestatSetTimes(fd, 0, 0, TimeSetter.ATIM | TimeSetter.ATIM_NOW));
        assertEquals(Errno.INVAL, h.fd().fdFilestatSetTimes(fd, 0, 0, 0x10));
    }

    @Test
    void adviseSyncAndDatasync() {
        int fd = h.openOk("a.txt", PathCalls.O_CREAT, RW);
        assertEquals(Errno.SUCCESS, h.fd().fdAdvise(fd, 0, 100, 2));
        assertEquals(Errno.INVAL, h.fd().fdAdvise(fd, 0, 100, 6));
        assertEquals(Errno.SUCCESS, h.fd().fdSync(fd));
        assertEquals(Errno.SUCCESS, h.fd().fdDatasync(fd));
        assertEquals(Errno.SUCCESS, h.fd().fdSync(Harness.SANDBOX_FD));
        assertEquals(Errno.SUCCESS, h.fd().fdDatasync(Harness.SANDBOX_FD));
        assertEquals(Errno.INVAL, h.fd().fdSync(1));
        int readOnly = h.openOk("a.txt", 0, Rights.FD_READ);
        assertEquals(Errno.NOTCAPABLE, h.fd().fdSync(readOnly));
    }

    @Test
    void closeAndRenumber() throws IOException {
        int a = h.openOk("a.txt", PathCalls.O_CREAT, RW);
        int b = h.openOk("b.txt", PathCalls.O_CREAT, RW);
        assertEquals(Errno.SUCCESS, h.fd().fdRenumber(a, b));
        // b now refers to a.txt, a is free.
        assertEquals(Errno.SUCCESS, h.write(b, "to-a"));
        assertEquals("to-a", Files.readString(dir.resolve("a.txt")));
        assertEquals(Errno.BADF, h.write(a, "x"));
        assertEquals(Errno.BADF, h.fd().fdRenumber(a, b));
        assertEquals(Errno.BADF, h.fd().fdRenumber(b, 99));
        assertEquals(Errno.SUCCESS, h.fd().fdClose(b));
        assertEquals(Errno.BADF, h.fd().fdClose(b));
        // The lowest free number is reused.
        assertEquals(a, h.openOk("c.txt", PathCalls.O_CREAT, RW));
    }

    @Test
    void directoryFdRefusesFileOperations() {
        int iov = h.iovecOf(8);
        assertEquals(Errno.BADF, h.fd().fdRead(h.mem, Harness.SANDBOX_FD, iov, 1, h.out));
        assertEquals(Errno.BADF, h.fd().fdPread(h.mem, Harness.SANDBOX_FD, iov, 1, 0, h.out));
        assertEquals(Errno.BADF, h.fd().fdWrite(h.mem, Harness.SANDBOX_FD, iov, 1, h.out));
        assertEquals(Errno.BADF, h.fd().fdSeek(h.mem, Harness.SANDBOX_FD, 0, 1, h.out));
        int st = h.alloc(64);
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, Harness.SANDBOX_FD, st));
        assertEquals(FileType.DIRECTORY, h.mem.loadByte(st + 16));
    }

    @Test
    void badPointersAreFaults() {
        int fd = h.openOk("f.txt", PathCalls.O_CREAT, RW);
        assertEquals(Errno.FAULT, h.fd().fdWrite(h.mem, fd, 65536 - 4, 1, h.out));
        assertEquals(Errno.FAULT, h.fd().fdTell(h.mem, fd, -1));
        int iov = h.alloc(8);
        h.mem.storeInt(iov, 65000);
        h.mem.storeInt(iov + 4, 1000);
        assertEquals(Errno.FAULT, h.fd().fdRead(h.mem, fd, iov, 1, h.out));
        assertTrue(h.fd().fdClose(fd) == Errno.SUCCESS);
    }
}

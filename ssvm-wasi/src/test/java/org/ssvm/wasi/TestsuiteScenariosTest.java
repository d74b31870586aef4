package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios modelled on what wasi-testsuite's Rust programs check (rights of preopens, truncation rights,
 * directory opens, readdir of large directories, link corner cases), run directly against the WASI logic.
 */
class TestsuiteScenariosTest {
    private static final int FOLLOW = PathCalls.LOOKUP_SYMLINK_FOLLOW;

    @TempDir
    Path dir;
    Harness h;
    int scratch;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
        // As the suite's helper does: reopen the preopen "." with exactly its own rights.
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, 3, stat));
        long base = h.mem.loadLong(stat + 8);
        long inheriting = h.mem.loadLong(stat + 16);
        assertEquals(Errno.SUCCESS, h.path().pathOpen(h.mem, 3, 0, h.str("."), 1, PathCalls.O_DIRECTORY, base,
                inheriting, 0, h.out));
        scratch = h.mem.loadInt(h.out);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private long[] rights(int fd) {
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, fd, stat));
        return new long[] {h.mem.loadLong(stat + 8), h.mem.loadLong(stat + 16)};
    }

    @Test
    void preopenHasTheRightsUserlandExpects() {
        long required = Rights.PATH_CREATE_DIRECTORY | Rights.PATH_CREATE_FILE | Rights.PATH_LINK_SOURCE
                | Rights.PATH_LINK_TARGET | Rights.PATH_OPEN | Rights.FD_READDIR | Rights.PATH_READLINK
                | Rights.PATH_RENAME_SOURCE | Rights.PATH_RENAME_TARGET | Rights.PATH_SYMLINK
                | Rights.PATH_REMOVE_DIRECTORY | Rights.PATH_UNLINK_FILE | Rights.PATH_FILESTAT_GET
                | Rights.PATH_FILESTAT_SET_TIMES | Rights.FD_FILESTAT_GET | Rights.FD_FILESTAT_SET_TIMES;
        long inheritingRequired = required | Rights.FD_DATASYNC | Rights.FD_READ | Rights.FD_SEEK
                | Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_SYNC | Rights.FD_TELL | Rights.FD_WRITE | Rights.FD_ADVISE
                | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE | Rights.POLL_FD_READWRITE;
        long[] r = rights(3);
        assertEquals(required, r[0] & required);
        assertEquals(inheritingRequired, r[1] & inheritingRequired);
        assertEquals(0, r[0] & Rights.FD_FILESTAT_SET_SIZE, "directories have no fd_filestat_set_size");
    }

    @Test
    void openingTheDirectoryItself() {
        assertEquals(Errno.SUCCESS, h.open(3, ".", 0, 0, 0, 0));
        assertEquals(Errno.SUCCESS, h.open(3, ".", 0, PathCalls.O_DIRECTORY, 0, 0));
        assertEquals(Errno.SUCCESS, h.open(3, ".", 0, PathCalls.O_DIRECTORY, Rights.FD_READ, 0));
        assertEquals(Errno.ISDIR, h.open(3, ".", 0, PathCalls.O_DIRECTORY, Rights.FD_READ | Rights.FD_WRITE, 0));
        // A directory never gets the seek right, and seeking it fails.
        assertEquals(Errno.SUCCESS, h.mkdir(scratch, "d"));
        assertEquals(Errno.SUCCESS, h.open(scratch, "d", 0, PathCalls.O_DIRECTORY, Rights.FD_SEEK, 0));
        int d = h.mem.loadInt(h.out);
        assertEquals(0, rights(d)[0] & Rights.FD_SEEK);
        assertEquals(Errno.BADF, h.fd().fdSeek(h.mem, d, 0, 1, h.out));
    }

    @Test
    void truncationNeedsPathFilestatSetSize() throws IOException {
        Files.writeString(dir.resolve("file"), "content");
        assertEquals(Errno.SUCCESS, h.open(scratch, "file", 0, PathCalls.O_TRUNC, 0, 0));
        assertEquals(0, Files.size(dir.resolve("file")));
        long[] r = rights(scratch);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatSetRights(scratch, r[0], r[1] & ~Rights.FD_FILESTAT_SET_SIZE));
        assertEquals(Errno.SUCCESS, h.open(scratch, "file", 0, PathCalls.O_TRUNC, 0, 0));
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatSetRights(scratch, r[0] & ~Rights.PATH_FILESTAT_SET_SIZE,
                r[1] & ~Rights.FD_FILESTAT_SET_SIZE));
        assertEquals(Errno.PERM, h.open(scratch, "file", 0, PathCalls.O_TRUNC, 0, 0));
    }

    @Test
    void readWriteRightsOfOpenedFiles() throws IOException {
        Files.writeString(dir.resolve("f"), "");
        assertEquals(Errno.SUCCESS, h.open(scratch, "f", 0, 0, Rights.FD_WRITE, 0));
        int writeOnly = h.mem.loadInt(h.out);
        assertEquals(Rights.FD_WRITE, rights(writeOnly)[0] & (Rights.FD_READ | Rights.FD_WRITE));
        assertEquals(Errno.BADF, h.fd().fdRead(h.mem, writeOnly, h.iovecOf(8), 1, h.out));
        assertEquals(Errno.SUCCESS, h.write(writeOnly, "abc"));
        assertEquals("abc", Files.readString(dir.resolve("f")));
    }

    @Test
    void readdirOfAThousandFilesInSmallBuffers() throws IOException {
        for (int i = 0; i < 1000; i++) {
            Files.writeString(dir.resolve("file." + i), "");
        }
        int buf = h.alloc(256);
        int used = h.alloc(4);
        long cookie = 0;
        int total = 0;
        while (true) {
            assertEquals(Errno.SUCCESS, h.fd().fdReaddir(h.mem, scratch, buf, 256, cookie, used));
            int n = h.mem.loadInt(used);
            int p = 0;
            long last = -1;
            while (p + 24 <= n && p + 24 + h.mem.loadInt(buf + p + 16) <= n) {
                last = h.mem.loadLong(buf + p);
                p += 24 + h.mem.loadInt(buf + p + 16);
                total++;
            }
            if (n < 256) {
                break;
            }
            cookie = last;
        }
        assertEquals(1002, total);
    }

    @Test
    void allocateGrowsButNeverShrinks() throws IOException {
        assertEquals(Errno.SUCCESS, h.open(scratch, "a", 0, PathCalls.O_CREAT,
                Rights.FD_READ | Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_GET, 0));
        int fd = h.mem.loadInt(h.out);
        assertEquals(Errno.SUCCESS, h.fd().fdAllocate(fd, 0, 100));
        assertEquals(Errno.SUCCESS, h.fd().fdAllocate(fd, 10, 10));
        assertEquals(100, Files.size(dir.resolve("a")));
        assertEquals(Errno.SUCCESS, h.fd().fdAllocate(fd, 90, 20));
        assertEquals(110, Files.size(dir.resolve("a")));
    }

    @Test
    void hardLinksToSymlinksAreNotFollowed() throws IOException {
        assertEquals(Errno.SUCCESS, h.symlink("target", scratch, "dangling"));
        assertEquals(Errno.SUCCESS, h.link(scratch, 0, "dangling", scratch, "link"));
        assertTrue(Files.isSymbolicLink(dir.resolve("link")));
        assertEquals(Errno.SUCCESS, h.unlink(scratch, "link"));
        assertEquals(Errno.NOENT, h.link(scratch, FOLLOW, "dangling", scratch, "link"));
        assertEquals(Errno.SUCCESS, h.unlink(scratch, "dangling"));
        assertEquals(Errno.SUCCESS, h.symlink("loop", scratch, "loop"));
        assertEquals(Errno.SUCCESS, h.link(scratch, 0, "loop", scratch, "link"));
        assertTrue(Files.isSymbolicLink(dir.resolve("link")));
        // The target name is never followed: an existing dangling link there means EEXIST.
        Files.writeString(dir.resolve("file"), "x");
        assertEquals(Errno.EXIST, h.link(scratch, 0, "file", scratch, "loop"));
        assertEquals(Errno.EXIST, h.link(scratch, 0, "file", scratch, "file"));
        assertEquals(Errno.NOENT, h.link(scratch, 0, "file", scratch, "new/"));
        assertTrue(Files.exists(dir.resolve("loop"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readlinkLeavesTheRestOfTheBufferAlone() {
        assertEquals(Errno.SUCCESS, h.symlink("target", scratch, "symlink"));
        int buf = h.alloc(10);
        h.mem.fill(buf, (byte) 0x55, 10);
        assertEquals(Errno.SUCCESS, h.path().pathReadlink(h.mem, scratch, h.str("symlink"), 7, buf, 10, h.out));
        assertEquals(6, h.mem.loadInt(h.out));
        assertEquals("target", h.readString(buf, 6));
        assertEquals(0x55, h.mem.loadByte(buf + 6));
        assertEquals(0x55, h.mem.loadByte(buf + 9));
    }

    @Test
    void renumberOverAPreopenAndClosingOne() {
        int stat = h.alloc(64);
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, scratch, stat));
        long ino = h.mem.loadLong(stat + 8);
        assertEquals(Errno.SUCCESS, h.fd().fdRenumber(scratch, 3));
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, 3, stat));
        assertEquals(ino, h.mem.loadLong(stat + 8));
        assertEquals(Errno.BADF, h.fd().fdFdstatGet(h.mem, scratch, stat));
        // fd 3 is no longer a preopen: it was replaced by an ordinary directory descriptor.
        assertEquals(Errno.BADF, h.fd().fdPrestatGet(h.mem, 3, stat));
        assertEquals(Errno.SUCCESS, h.fd().fdClose(3));
        assertEquals(Errno.BADF, h.fd().fdFdstatGet(h.mem, 3, stat));
    }

    @Test
    void symlinkToTheRootIsRefused() {
        assertEquals(Errno.PERM, h.symlink("/", scratch, "symlink"));
    }

    @Test
    void nofollowErrors() {
        assertEquals(Errno.SUCCESS, h.mkdir(scratch, "target"));
        assertEquals(Errno.SUCCESS, h.symlink("target", scratch, "symlink"));
        int err = h.open(scratch, "symlink", 0, PathCalls.O_DIRECTORY, 0, 0);
        assertTrue(err == Errno.LOOP || err == Errno.NOTDIR, "errno " + err);
        assertEquals(Errno.LOOP, h.open(scratch, "symlink", 0, 0, 0, 0));
        assertEquals(Errno.SUCCESS, h.open(scratch, "symlink", FOLLOW, PathCalls.O_DIRECTORY, 0, 0));
        assertEquals(Errno.SUCCESS, h.unlink(scratch, "symlink"));
        assertEquals(Errno.SUCCESS, h.rmdir(scratch, "target"));
        assertEquals(Errno.SUCCESS, h.open(scratch, "target", 0, PathCalls.O_CREAT, 0, 0));
        assertEquals(Errno.SUCCESS, h.symlink("target", scratch, "symlink"));
        assertEquals(Errno.NOTDIR, h.open(scratch, "symlink", FOLLOW, PathCalls.O_DIRECTORY, 0, 0));
    }

    private long mtim(int fd, int flags, String path) {
        assertEquals(Errno.SUCCESS, h.stat(fd, flags, path));
        return h.mem.loadLong(h.out + 48);
    }

    @Test
    void timesAreExactToTheNanosecondAndSymlinksHaveTheirOwn() {
        assertEquals(Errno.SUCCESS, h.open(scratch, "file", 0, PathCalls.O_CREAT,
                Rights.FD_READ | Rights.FD_WRITE, FdCalls.FDFLAG_APPEND | 16));
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, h.mem.loadInt(h.out), stat));
        assertEquals(FdCalls.FDFLAG_APPEND | 16, h.mem.loadShort(stat + 2), "APPEND and SYNC are kept");
        long fileTime = mtim(scratch, 0, "file");
        int p = h.str("file");
        assertEquals(Errno.SUCCESS, h.path().pathFilestatSetTimes(h.mem, scratch, 0, p, 4, 0, fileTime - 100,
                TimeSetter.MTIM));
        assertEquals(fileTime - 100, mtim(scratch, 0, "file"));
        fileTime -= 100;

        assertEquals(Errno.SUCCESS, h.symlink("file", scratch, "symlink"));
        long linkTime = mtim(scratch, 0, "symlink");
        int l = h.str("symlink");
        assertEquals(Errno.SUCCESS, h.path().pathFilestatSetTimes(h.mem, scratch, 0, l, 7, 0, linkTime - 200,
                TimeSetter.MTIM));
        assertEquals(linkTime - 200, mtim(scratch, 0, "symlink"));
        assertEquals(fileTime, mtim(scratch, 0, "file"), "the target is untouched");
        assertEquals(fileTime, mtim(scratch, FOLLOW, "symlink"));
        assertEquals(Errno.SUCCESS, h.path().pathFilestatSetTimes(h.mem, scratch, FOLLOW, l, 7, 0, linkTime,
                TimeSetter.MTIM));
        assertEquals(linkTime, mtim(scratch, 0, "file"));
    }
}

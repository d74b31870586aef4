package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** path_* inside the sandbox, with the errnos wasi-testsuite expects for the awkward cases. */
class PathCallsTest {
    private static final int FD = Harness.SANDBOX_FD;
    private static final int FOLLOW = PathCalls.LOOKUP_SYMLINK_FOLLOW;

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("file"), "data");
        Files.createDirectory(dir.resolve("dir"));
        h = new Harness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private int open(String path, int lookup, int oflags) {
        return h.open(FD, path, lookup, oflags, Rights.FD_READ, 0);
    }

    @Test
    void openExistingMissingAndCreate() {
        assertEquals(Errno.SUCCESS, open("file", 0, 0));
        assertEquals(Errno.NOENT, open("missing", 0, 0));
        assertEquals(Errno.NOENT, open("missing/file", 0, PathCalls.O_CREAT));
        assertEquals(Errno.NOENT, open("", 0, 0));
        assertEquals(Errno.EXIST, open("file", 0, PathCalls.O_CREAT | PathCalls.O_EXCL));
        assertEquals(Errno.SUCCESS, open("file", 0, PathCalls.O_CREAT));
        assertEquals(Errno.SUCCESS, open("new", 0, PathCalls.O_CREAT | PathCalls.O_EXCL));
        assertTrue(Files.isRegularFile(dir.resolve("new")));
        assertEquals(Errno.INVAL, open("file", 0, 0x10));
    }

    @Test
    void openDirectoriesAndTrailingSlashes() {
        assertEquals(Errno.SUCCESS, open("dir", 0, PathCalls.O_DIRECTORY));
        int dirFd = h.mem.loadInt(h.out);
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, dirFd, stat));
        assertEquals(FileType.DIRECTORY, h.mem.loadByte(stat));
        assertEquals(Errno.SUCCESS, open("dir/", 0, 0));
        assertEquals(Errno.SUCCESS, open(".", 0, PathCalls.O_DIRECTORY));
        assertEquals(Errno.NOTDIR, open("file", 0, PathCalls.O_DIRECTORY));
        assertEquals(Errno.NOTDIR, open("file/", 0, 0));
        assertEquals(Errno.NOTDIR, open("file/x", 0, 0));
        assertEquals(Errno.ISDIR, open("new-file/", 0, PathCalls.O_CREAT));
        assertEquals(Errno.ISDIR, h.open(FD, "dir", 0, PathCalls.O_TRUNC, Rights.FD_WRITE, 0));
        // A path relative to a file descriptor that is not a directory.
        int fileFd = h.openOk("file", 0, Rights.FD_READ);
        assertEquals(Errno.NOTDIR, h.open(fileFd, "x", 0, 0, Rights.FD_READ, 0));
        assertEquals(Errno.BADF, h.open(77, "x", 0, 0, Rights.FD_READ, 0));
    }

    @Test
    void openNonblockDirectoryKeepsTheFlag() {
        assertEquals(Errno.SUCCESS, h.open(FD, "dir", 0, PathCalls.O_DIRECTORY, Rights.FD_READDIR, 4));
        int stat = h.alloc(24);
        assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, h.mem.loadInt(h.out), stat));
        assertEquals(4, h.mem.loadShort(stat + 2));
    }

    @Test
    void truncateOnOpen() throws IOException {
        assertEquals(Errno.SUCCESS, h.open(FD, "file", 0, PathCalls.O_TRUNC, Rights.FD_WRITE, 0));
        assertEquals(0, Files.size(dir.resolve("file")));
    }

    @Test
    void invalidUtf8AndNulAreIllegalSequences() {
        int p = h.alloc(4);
        h.mem.storeByte(p, (byte) 0xFF);
        h.mem.storeByte(p + 1, (byte) 0xFE);
        assertEquals(Errno.ILSEQ, h.path().pathOpen(h.mem, FD, 0, p, 2, 0, Rights.FD_READ, 0, 0, h.out));
        int q = h.str("file\0");
        assertEquals(Errno.ILSEQ, h.path().pathOpen(h.mem, FD, 0, q, 5, 0, Rights.FD_READ, 0, 0, h.out));
    }

    @Test
    void createAndRemoveDirectories() throws IOException {
        assertEquals(Errno.SUCCESS, h.mkdir(FD, "d1"));
        assertEquals(Errno.SUCCESS, h.mkdir(FD, "d1/d2/"));
        assertTrue(Files.isDirectory(dir.resolve("d1/d2")));
        assertEquals(Errno.EXIST, h.mkdir(FD, "d1"));
        assertEquals(Errno.EXIST, h.mkdir(FD, "file"));
        assertEquals(Errno.NOENT, h.mkdir(FD, "nope/d"));
        assertEquals(Errno.NOTEMPTY, h.rmdir(FD, "d1"));
        assertEquals(Errno.NOTDIR, h.rmdir(FD, "file"));
        assertEquals(Errno.NOTDIR, h.rmdir(FD, "file/"));
        assertEquals(Errno.NOENT, h.rmdir(FD, "ghost"));
        assertEquals(Errno.SUCCESS, h.rmdir(FD, "d1/d2/"));
        assertEquals(Errno.SUCCESS, h.rmdir(FD, "d1"));
        assertFalse(Files.exists(dir.resolve("d1")));
    }

    @Test
    void unlinkFiles() {
        assertEquals(Errno.ISDIR, h.unlink(FD, "dir"));
        assertEquals(Errno.ISDIR, h.unlink(FD, "dir/"));
        assertEquals(Errno.NOTDIR, h.unlink(FD, "file/"));
        assertEquals(Errno.NOENT, h.unlink(FD, "ghost"));
        assertEquals(Errno.SUCCESS, h.unlink(FD, "file"));
        assertFalse(Files.exists(dir.resolve("file")));
    }

    @Test
    void renameCases() throws IOException {
        Files.writeString(dir.resolve("other"), "other");
        Files.createDirectory(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x"), "x");
        Files.createDirectory(dir.resolve("empty"));
        assertEquals(Errno.NOENT, h.rename(FD, "ghost", FD, "g2"));
        assertEquals(Errno.ISDIR, h.rename(FD, "file", FD, "dir"));
        assertEquals(Errno.NOTDIR, h.rename(FD, "dir", FD, "file"));
        assertEquals(Errno.NOTEMPTY, h.rename(FD, "dir", FD, "full"));
        assertEquals(Errno.NOTDIR, h.rename(FD, "file", FD, "renamed/"));
        assertEquals(Errno.INVAL, h.rename(FD, "dir", FD, "dir/inside"));
        assertEquals(Errno.SUCCESS, h.rename(FD, "dir", FD, "empty"));
        assertTrue(Files.isDirectory(dir.resolve("empty")));
        assertFalse(Files.exists(dir.resolve("dir")));
        assertEquals(Errno.SUCCESS, h.rename(FD, "file", FD, "other"));
        assertEquals("data", Files.readString(dir.resolve("other")));
        assertEquals(Errno.SUCCESS, h.rename(FD, "empty/", FD, "moved/"));
        assertTrue(Files.isDirectory(dir.resolve("moved")));
        // Across two directory fds of the same sandbox.
        int sub = h.openOk("full", PathCalls.O_DIRECTORY, Rights.DIRECTORY);
        assertEquals(Errno.SUCCESS, h.rename(sub, "x", FD, "x-moved"));
        assertTrue(Files.exists(dir.resolve("x-moved")));
    }

    @Test
    void hardLinks() throws IOException {
        assertEquals(Errno.SUCCESS, h.link(FD, 0, "file", FD, "dir/hard"));
        assertEquals("data", Files.readString(dir.resolve("dir/hard")));
        assertEquals(Errno.EXIST, h.link(FD, 0, "file", FD, "dir/hard"));
        assertEquals(Errno.PERM, h.link(FD, 0, "dir", FD, "dir-link"));
        assertEquals(Errno.NOENT, h.link(FD, 0, "ghost", FD, "g"));
        assertEquals(Errno.SUCCESS, h.stat(FD, 0, "file"));
        assertEquals(2, h.mem.loadLong(h.out + 24), "nlink after linking");
    }

    @Test
    void symlinksReadlinkAndNofollow() throws IOException {
        assertEquals(Errno.SUCCESS, h.symlink("file", FD, "link"));
        assertEquals(Errno.EXIST, h.symlink("file", FD, "link"));
        assertEquals(Errno.NOENT, h.symlink("file", FD, "dangling/"));
        assertEquals(Errno.EXIST, h.symlink("file", FD, "dir/"));
        assertTrue(Files.isSymbolicLink(dir.resolve("link")));

        int buf = h.alloc(64);
        int used = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.path().pathReadlink(h.mem, FD, h.str("link"), 4, buf, 64, used));
        assertEquals(4, h.mem.loadInt(used));
        assertEquals("file", h.readString(buf, 4));
        assertEquals(Errno.SUCCESS, h.path().pathReadlink(h.mem, FD, h.str("link"), 4, buf, 2, used));
        assertEquals(2, h.mem.loadInt(used), "a short buffer gets a truncated target");
        assertEquals(Errno.INVAL, h.path().pathReadlink(h.mem, FD, h.str("file"), 4, buf, 64, used));
        assertEquals(Errno.NOENT, h.path().pathReadlink(h.mem, FD, h.str("ghost"), 5, buf, 64, used));

        assertEquals(Errno.SUCCESS, open("link", FOLLOW, 0));
        assertEquals(Errno.LOOP, open("link", 0, 0));
        assertEquals(Errno.SUCCESS, h.symlink("dir", FD, "dirlink"));
        assertEquals(Errno.NOTDIR, open("dirlink", 0, PathCalls.O_DIRECTORY));
        assertEquals(Errno.SUCCESS, open("dirlink", FOLLOW, PathCalls.O_DIRECTORY));
        assertEquals(Errno.SUCCESS, open("dirlink/", 0, PathCalls.O_DIRECTORY));

        // Filestat of the link itself versus its target.
        assertEquals(Errno.SUCCESS, h.stat(FD, 0, "link"));
        assertEquals(FileType.SYMBOLIC_LINK, h.mem.loadByte(h.out + 16));
        assertEquals(Errno.SUCCESS, h.stat(FD, FOLLOW, "link"));
        assertEquals(FileType.REGULAR_FILE, h.mem.loadByte(h.out + 16));
        assertEquals(4, h.mem.loadLong(h.out + 32));
        // Unlinking a link to a directory removes the link; removing it as a directory is refused.
        assertEquals(Errno.NOTDIR, h.rmdir(FD, "dirlink"));
        assertEquals(Errno.SUCCESS, h.unlink(FD, "dirlink"));
        assertTrue(Files.isDirectory(dir.resolve("dir")));
    }

    @Test
    void danglingSymlinksAndLoops() throws IOException {
        assertEquals(Errno.SUCCESS, h.symlink("target", FD, "dangling"));
        assertEquals(Errno.NOENT, open("dangling", FOLLOW, 0));
        assertEquals(Errno.LOOP, open("dangling", 0, 0));
        assertEquals(Errno.NOENT, h.stat(FD, FOLLOW, "dangling"));
        // Creating through a dangling link creates its target inside the sandbox.
        assertEquals(Errno.SUCCESS, h.open(FD, "dangling", FOLLOW, PathCalls.O_CREAT, Rights.FD_WRITE, 0));
        assertTrue(Files.isRegularFile(dir.resolve("target")));

        assertEquals(Errno.SUCCESS, h.symlink("loop", FD, "loop"));
        assertEquals(Errno.LOOP, open("loop", FOLLOW, 0));
        assertEquals(Errno.LOOP, open("loop/x", 0, 0));
        assertEquals(Errno.SUCCESS, h.symlink("ping", FD, "pong"));
        assertEquals(Errno.SUCCESS, h.symlink("pong", FD, "ping"));
        assertEquals(Errno.LOOP, open("ping", FOLLOW, 0));
        assertTrue(Files.exists(dir.resolve("loop"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void pathFilestatSetTimes() throws IOException {
        long t = 1_500_000_000_000_000_000L;
        int p = h.str("file");
        assertEquals(Errno.SUCCESS, h.path().pathFilestatSetTimes(h.mem, FD, 0, p, 4, t, t,
                TimeSetter.ATIM | TimeSetter.MTIM));
        assertEquals(t / 1_000_000, Files.getLastModifiedTime(dir.resolve("file")).toMillis());
        assertEquals(Errno.SUCCESS, h.stat(FD, 0, "file"));
        assertEquals(t / 1000, h.mem.loadLong(h.out + 40) / 1000);
        assertEquals(Errno.INVAL, h.path().pathFilestatSetTimes(h.mem, FD, 0, p, 4, t, t,
                TimeSetter.MTIM | TimeSetter.MTIM_NOW));
        assertEquals(Errno.NOENT, h.path().pathFilestatSetTimes(h.mem, FD, 0, h.str("ghost"), 5, t, t,
                TimeSetter.MTIM));
    }

    @Test
    void createExclusiveNeverFollowsAFinalLink() {
        assertEquals(Errno.SUCCESS, h.symlink("target", FD, "dangling"));
        assertEquals(Errno.EXIST, h.open(FD, "dangling", FOLLOW, PathCalls.O_CREAT | PathCalls.O_EXCL,
                Rights.FD_WRITE, 0));
        assertFalse(Files.exists(dir.resolve("target")));
    }

    @Test
    void pathsEndingInDotNameNoEntryToChange() throws IOException {
        Files.createDirectory(dir.resolve("empty"));
        assertEquals(Errno.INVAL, h.rmdir(FD, "empty/."));
        assertEquals(Errno.INVAL, h.rmdir(FD, "empty/./"));
        assertEquals(Errno.BUSY, h.rename(FD, "empty/.", FD, "moved"));
        assertEquals(Errno.BUSY, h.rename(FD, "dir", FD, "empty/.."));
        assertEquals(Errno.EXIST, h.mkdir(FD, "empty/."));
        assertEquals(Errno.NOENT, h.mkdir(FD, "fresh/."));
        assertEquals(Errno.ISDIR, h.unlink(FD, "empty/."));
        assertTrue(Files.isDirectory(dir.resolve("empty")));
        assertFalse(Files.exists(dir.resolve("fresh")));
        // Opening and stat'ing through "." and ".." work as usual.
        assertEquals(Errno.SUCCESS, open("empty/.", 0, PathCalls.O_DIRECTORY));
        assertEquals(Errno.SUCCESS, h.stat(FD, 0, "empty/.."));
        assertEquals(FileType.DIRECTORY, h.mem.loadByte(h.out + 16));
    }
}

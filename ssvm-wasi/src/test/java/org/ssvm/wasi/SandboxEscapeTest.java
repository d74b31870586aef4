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

/**
 * Every way a guest could try to reach a host file outside its preopen, each proved to fail with the errno
 * the sandbox promises, and the outside file proved untouched.
 */
class SandboxEscapeTest {
    private static final int FOLLOW = PathCalls.LOOKUP_SYMLINK_FOLLOW;

    @TempDir
    Path root;
    Path sandbox;
    Path outside;
    Path secret;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createDirectory(root.resolve("sandbox"));
        outside = Files.createDirectory(root.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.createDirectory(sandbox.resolve("sub"));
        Files.writeString(sandbox.resolve("sub/inner.txt"), "inner");
        h = new Harness(sandbox);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private int openRead(String path, int lookup) {
        return h.open(Harness.SANDBOX_FD, path, lookup, 0, Rights.FD_READ, 0);
    }

    @Test
    void dotDotAboveThePreopenIsRefused() {
        assertEquals(Errno.PERM, openRead("../outside/secret.txt", FOLLOW));
        assertEquals(Errno.PERM, openRead("..", FOLLOW));
        assertEquals(Errno.PERM, openRead("sub/../../outside/secret.txt", FOLLOW));
        assertEquals(Errno.PERM, openRead("sub/../sub/../../sandbox/sub/inner.txt", FOLLOW));
        assertEquals(Errno.PERM, h.stat(Harness.SANDBOX_FD, FOLLOW, "../outside"));
    }

    @Test
    void dotDotThatStaysInsideIsAllowed() {
        assertEquals(Errno.SUCCESS, openRead("sub/../sub/./inner.txt", FOLLOW));
    }

    @Test
    void dotDotCannotClimbAboveAnOpenedSubdirectory() {
        int sub = h.openOk("sub", PathCalls.O_DIRECTORY, Rights.DIRECTORY);
        assertEquals(Errno.PERM, h.open(sub, "../sub/inner.txt", FOLLOW, 0, Rights.FD_READ, 0));
        assertEquals(Errno.SUCCESS, h.open(sub, "inner.txt", FOLLOW, 0, Rights.FD_READ, 0));
    }

    @Test
    void absolutePathsAreRefused() {
        assertEquals(Errno.PERM, openRead(secret.toString(), FOLLOW));
        assertEquals(Errno.PERM, openRead("/sub/inner.txt", FOLLOW));
        assertEquals(Errno.PERM, h.mkdir(Harness.SANDBOX_FD, "/tmp-escape"));
    }

    @Test
    void absoluteSymlinkIsNotFollowed() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("abs"), secret);
        Files.createSymbolicLink(sandbox.resolve("absdir"), outside);
        assertEquals(Errno.PERM, openRead("abs", FOLLOW));
        assertEquals(Errno.PERM, openRead("absdir/secret.txt", 0));
        assertEquals(Errno.PERM, h.stat(Harness.SANDBOX_FD, FOLLOW, "abs"));
        // Without following, the link itself is what is named: stat works, open refuses a link.
        assertEquals(Errno.SUCCESS, h.stat(Harness.SANDBOX_FD, 0, "abs"));
        assertEquals(FileType.SYMBOLIC_LINK, h.mem.loadByte(h.out + 16));
        assertEquals(Errno.LOOP, openRead("abs", 0));
    }

    @Test
    void relativeSymlinkThatEscapesIsNotFollowed() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(sandbox.resolve("sub/deeper"), Path.of("../../outside"));
        assertEquals(Errno.PERM, openRead("rel", FOLLOW));
        assertEquals(Errno.PERM, openRead("sub/deeper/secret.txt", FOLLOW));
    }

    @Test
    void symlinkChainThatEventuallyEscapesIsNotFollowed() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(sandbox.resolve("b"), Path.of("sub/c"));
        Files.createSymbolicLink(sandbox.resolve("sub/c"), Path.of("../../outside/secret.txt"));
        assertEquals(Errno.PERM, openRead("a", FOLLOW));
        // A chain that stays inside works.
        Files.createSymbolicLink(sandbox.resolve("ok1"), Path.of("sub/ok2"));
        Files.createSymbolicLink(sandbox.resolve("sub/ok2"), Path.of("inner.txt"));
        assertEquals(Errno.SUCCESS, openRead("ok1", FOLLOW));
    }

    @Test
    void symlinkInAMiddleComponentIsCheckedToo() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("mid"), Path.of(".."));
        Files.createSymbolicLink(sandbox.resolve("sub/up"), Path.of("../.."));
        // Intermediate components are always followed, whatever the lookup flags say.
        assertEquals(Errno.PERM, openRead("mid/outside/secret.txt", 0));
        assertEquals(Errno.PERM, openRead("sub/up/outside/secret.txt", 0));
        assertEquals(Errno.PERM, h.mkdir(Harness.SANDBOX_FD, "mid/newdir"));
        assertFalse(Files.exists(root.resolve("newdir")));
        // A middle link that stays inside is fine.
        Files.createSymbolicLink(sandbox.resolve("alias"), Path.of("sub"));
        assertEquals(Errno.SUCCESS, openRead("alias/inner.txt", 0));
    }

    @Test
    void creatingThroughAnEscapingLinkIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("dangling-out"), Path.of("../outside/created.txt"));
        assertEquals(Errno.PERM, h.open(Harness.SANDBOX_FD, "dangling-out", FOLLOW, PathCalls.O_CREAT,
                Rights.FD_WRITE, 0));
        assertFalse(Files.exists(outside.resolve("created.txt")));
    }

    @Test
    void pathLinkCannotReachOutside() {
        assertEquals(Errno.PERM, h.link(Harness.SANDBOX_FD, 0, "../outside/secret.txt",
                Harness.SANDBOX_FD, "stolen"));
        assertEquals(Errno.PERM, h.link(Harness.SANDBOX_FD, 0, "sub/inner.txt",
                Harness.SANDBOX_FD, "../outside/planted"));
        assertFalse(Files.exists(sandbox.resolve("stolen")));
        assertFalse(Files.exists(outside.resolve("planted")));
    }

    @Test
    void pathLinkFollowingAnEscapingSymlinkIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("abs"), secret);
        assertEquals(Errno.PERM, h.link(Harness.SANDBOX_FD, FOLLOW, "abs", Harness.SANDBOX_FD, "stolen"));
        assertFalse(Files.exists(sandbox.resolve("stolen")));
    }

    @Test
    void pathRenameCannotMoveInOrOut() {
        assertEquals(Errno.PERM, h.rename(Harness.SANDBOX_FD, "../outside/secret.txt",
                Harness.SANDBOX_FD, "moved-in"));
        assertEquals(Errno.PERM, h.rename(Harness.SANDBOX_FD, "sub/inner.txt",
                Harness.SANDBOX_FD, "../outside/moved-out"));
        assertEquals(Errno.PERM, h.rename(Harness.SANDBOX_FD, "sub", Harness.SANDBOX_FD, "/abs"));
        assertTrue(Files.exists(secret));
        assertTrue(Files.exists(sandbox.resolve("sub/inner.txt")));
    }

    @Test
    void pathRenameThroughAnEscapingSymlinkDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("out"), outside);
        assertEquals(Errno.PERM, h.rename(Harness.SANDBOX_FD, "sub/inner.txt",
                Harness.SANDBOX_FD, "out/moved"));
        assertFalse(Files.exists(outside.resolve("moved")));
        // Renaming the link itself (not following it) is an ordinary operation inside the sandbox.
        assertEquals(Errno.SUCCESS, h.rename(Harness.SANDBOX_FD, "out", Harness.SANDBOX_FD, "out2"));
        assertTrue(Files.isSymbolicLink(sandbox.resolve("out2")));
        assertTrue(Files.exists(secret));
    }

    @Test
    void pathSymlinkCannotPlantLinksOutsideOrPointingOutside() {
        assertEquals(Errno.PERM, h.symlink("sub", Harness.SANDBOX_FD, "../outside/link"));
        assertEquals(Errno.PERM, h.symlink(secret.toString(), Harness.SANDBOX_FD, "abs-link"));
        assertEquals(Errno.PERM, h.symlink("../outside/secret.txt", Harness.SANDBOX_FD, "rel-link"));
        assertEquals(Errno.PERM, h.symlink("../../outside", Harness.SANDBOX_FD, "sub/rel-link"));
        assertFalse(Files.exists(outside.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("abs-link"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(sandbox.resolve("rel-link"), LinkOption.NOFOLLOW_LINKS));
        // Links that stay inside may be created, also ones using ".." within the sandbox.
        assertEquals(Errno.SUCCESS, h.symlink("../sub/inner.txt", Harness.SANDBOX_FD, "sub/self"));
        assertEquals(Errno.SUCCESS, openRead("sub/self", FOLLOW));
    }

    @Test
    void unlinkAndRmdirCannotReachOutside() throws IOException {
        Files.createDirectory(outside.resolve("victim-dir"));
        assertEquals(Errno.PERM, h.unlink(Harness.SANDBOX_FD, "../outside/secret.txt"));
        assertEquals(Errno.PERM, h.rmdir(Harness.SANDBOX_FD, "../outside/victim-dir"));
        Files.createSymbolicLink(sandbox.resolve("out"), outside);
        assertEquals(Errno.PERM, h.unlink(Harness.SANDBOX_FD, "out/secret.txt"));
        assertTrue(Files.exists(secret));
        assertTrue(Files.exists(outside.resolve("victim-dir")));
        // Unlinking the symlink itself removes only the link.
        assertEquals(Errno.SUCCESS, h.unlink(Harness.SANDBOX_FD, "out"));
        assertTrue(Files.exists(secret));
    }

    @Test
    void removingThePreopenItselfIsRefused() {
        assertEquals(Errno.INVAL, h.rmdir(Harness.SANDBOX_FD, "."));
        assertEquals(Errno.INVAL, h.rmdir(Harness.SANDBOX_FD, "sub/.."));
        assertTrue(Files.isDirectory(sandbox));
    }

    @Test
    void preopenReachedThroughASymlinkStillConfines() throws IOException {
        Path alias = Files.createSymbolicLink(root.resolve("alias"), sandbox);
        try (Harness viaAlias = new Harness(alias)) {
            assertEquals(Errno.PERM, viaAlias.open(Harness.SANDBOX_FD, "../outside/secret.txt", FOLLOW,
                    0, Rights.FD_READ, 0));
            assertEquals(Errno.SUCCESS, viaAlias.open(Harness.SANDBOX_FD, "sub/inner.txt", FOLLOW,
                    0, Rights.FD_READ, 0));
        }
    }

    @Test
    void readOnlyPreopenRefusesChanges() throws IOException {
        try (Harness ro = new Harness(sandbox, b -> b.preopen(sandbox, "ro", true))) {
            assertEquals(Errno.PERM, ro.mkdir(Harness.SANDBOX_FD, "new"));
            assertEquals(Errno.PERM, ro.unlink(Harness.SANDBOX_FD, "sub/inner.txt"));
            assertEquals(Errno.PERM, ro.open(Harness.SANDBOX_FD, "created", 0, PathCalls.O_CREAT,
                    Rights.FD_WRITE, 0));
            assertEquals(Errno.PERM, ro.open(Harness.SANDBOX_FD, "sub/inner.txt", 0, PathCalls.O_TRUNC,
                    Rights.FD_WRITE, 0));
            // Opening for write yields a descriptor without the write right.
            assertEquals(Errno.SUCCESS, ro.open(Harness.SANDBOX_FD, "sub/inner.txt", 0, 0,
                    Rights.FD_READ | Rights.FD_WRITE, 0));
            int fd = ro.mem.loadInt(ro.out);
            assertEquals(Errno.BADF, ro.write(fd, "overwrite"));
            assertEquals("inner", Files.readString(sandbox.resolve("sub/inner.txt")));
            assertFalse(Files.exists(sandbox.resolve("new")));
        }
    }

    @Test
    void anOpenDirectoryWhoseParentWasSwappedForALinkDoesNotLeadOutside() throws IOException {
        Files.createDirectories(sandbox.resolve("a/b"));
        Files.writeString(outside.resolve("b-secret"), "x");
        Files.createDirectory(outside.resolve("b"));
        Files.writeString(outside.resolve("b/secret.txt"), "deep secret");
        int b = h.openOk("a/b", PathCalls.O_DIRECTORY, Rights.DIRECTORY);
        // The guest moves "a" away; "a" is then replaced by a link to the outside (as a host-made link or one
        // moved up from a deeper level could be).
        assertEquals(Errno.SUCCESS, h.rename(Harness.SANDBOX_FD, "a", Harness.SANDBOX_FD, "a2"));
        Files.createSymbolicLink(sandbox.resolve("a"), outside);
        assertEquals(Errno.NOENT, h.open(b, "secret.txt", 0, 0, Rights.FD_READ, 0));
        assertEquals(Errno.NOENT, h.fd().fdReaddir(h.mem, b, h.alloc(256), 256, 0, h.out));
        assertEquals(Errno.NOENT, h.fd().fdFilestatGet(h.mem, b, h.alloc(64)));
        assertEquals(Errno.NOENT, h.mkdir(b, "planted"));
        assertFalse(Files.exists(outside.resolve("b/planted")));
    }

    @Test
    void anOpenFileWhoseParentWasSwappedForALinkDoesNotTouchOutside() throws IOException {
        Files.createDirectory(sandbox.resolve("a"));
        Files.writeString(sandbox.resolve("a/f"), "inside");
        Path outsideF = Files.writeString(outside.resolve("f"), "outside");
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(outsideF);
        int fd = h.openOk("a/f", 0, Rights.FD_READ | Rights.FD_FILESTAT_SET_TIMES | Rights.FD_FILESTAT_GET);
        assertEquals(Errno.SUCCESS, h.rename(Harness.SANDBOX_FD, "a", Harness.SANDBOX_FD, "a2"));
        Files.createSymbolicLink(sandbox.resolve("a"), outside);
        assertEquals(Errno.NOENT, h.fd().fdFilestatSetTimes(fd, 0, 1_000_000_000L, TimeSetter.MTIM));
        assertEquals(before, Files.getLastModifiedTime(outsideF));
        // Reading goes through the already open channel: still the file inside.
        int iov = h.iovecOf(16);
        assertEquals(Errno.SUCCESS, h.fd().fdRead(h.mem, fd, iov, 1, h.out));
        assertEquals("inside", h.iovecContent(iov, 6));
    }

    @Test
    void aLinkMovedUpwardsIsStillNotFollowedOutside() throws IOException {
        Files.createDirectories(sandbox.resolve("x/y"));
        // Lexically inside where it is created...
        assertEquals(Errno.SUCCESS, h.symlink("../../sub", Harness.SANDBOX_FD, "x/y/link"));
        assertEquals(Errno.SUCCESS, openRead("x/y/link/inner.txt", FOLLOW));
        // ...but pointing above the sandbox once moved to the top.
        assertEquals(Errno.SUCCESS, h.rename(Harness.SANDBOX_FD, "x/y/link", Harness.SANDBOX_FD, "link"));
        assertEquals(Errno.PERM, openRead("link/inner.txt", FOLLOW));
        assertEquals(Errno.PERM, openRead("link", FOLLOW));
    }
}

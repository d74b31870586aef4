package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_prestat_get / fd_prestat_dir_name and fd_readdir with its cookies and dirent layout. */
class PreopenAndReaddirTest {
    @TempDir
    Path root;
    Path a;
    Path b;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        a = Files.createDirectory(root.resolve("a"));
        b = Files.createDirectory(root.resolve("b"));
        Files.writeString(a.resolve("file.txt"), "12345");
        Files.createDirectory(a.resolve("subdir"));
        Files.createSymbolicLink(a.resolve("link"), Path.of("file.txt"));
        h = new Harness(a, cfg -> cfg.preopen(a, "a").preopen(b, "/data/b", true));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void preopensAreNumberedFromThreeWithTheirNames() {
        int pre = h.alloc(8);
        assertEquals(Errno.SUCCESS, h.fd().fdPrestatGet(h.mem, 3, pre));
        assertEquals(0, h.mem.loadByte(pre));
        assertEquals(1, h.mem.loadInt(pre + 4));
        assertEquals(Errno.SUCCESS, h.fd().fdPrestatGet(h.mem, 4, pre));
        assertEquals(7, h.mem.loadInt(pre + 4));
        int name = h.alloc(16);
        assertEquals(Errno.SUCCESS, h.fd().fdPrestatDirName(h.mem, 4, name, 7));
        assertEquals("/data/b", h.readString(name, 7));
        assertEquals(Errno.NAMETOOLONG, h.fd().fdPrestatDirName(h.mem, 4, name, 3));
        assertEquals(Errno.BADF, h.fd().fdPrestatGet(h.mem, 5, pre));
        // A directory opened later is not a preopen.
        int sub = h.openOk("subdir", PathCalls.O_DIRECTORY, Rights.DIRECTORY);
        assertEquals(Errno.BADF, h.fd().fdPrestatGet(h.mem, sub, pre));
        // Closing a preopen is allowed; afterwards it is gone.
        assertEquals(Errno.SUCCESS, h.fd().fdClose(4));
        assertEquals(Errno.BADF, h.fd().fdPrestatGet(h.mem, 4, pre));
    }

    @Test
    void preopenThatIsNotADirectoryIsAConfigurationError() throws IOException {
        Path file = Files.writeString(root.resolve("plain"), "x");
        assertThrows(IllegalArgumentException.class,
                () -> new WasiPreview1(WasiConfig.builder().preopen(file, "plain").build()));
        assertThrows(IllegalArgumentException.class,
                () -> new WasiPreview1(WasiConfig.builder().preopen(root.resolve("missing"), "m").build()));
    }

    private record Dirent(long next, long ino, String name, int type) {}

    private List<Dirent> readdir(int fd, long cookie, int bufLen) {
        int buf = h.alloc(bufLen);
        int used = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.fd().fdReaddir(h.mem, fd, buf, bufLen, cookie, used));
        int n = h.mem.loadInt(used);
        List<Dirent> out = new ArrayList<>();
        int p = 0;
        while (p + 24 <= n) {
            long next = h.mem.loadLong(buf + p);
            long ino = h.mem.loadLong(buf + p + 8);
            int namlen = h.mem.loadInt(buf + p + 16);
            int type = h.mem.loadByte(buf + p + 20);
            if (p + 24 + namlen > n) {
                break; // truncated final entry
            }
            out.add(new Dirent(next, ino, h.readString(buf + p + 24, namlen), type));
            p += 24 + namlen;
        }
        return out;
    }

    @Test
    void readdirListsDotDotDotAndEntriesWithTypes() {
        List<Dirent> all = readdir(3, 0, 4096);
        assertEquals(List.of(".", "..", "file.txt", "link", "subdir"), all.stream().map(Dirent::name).toList());
        assertEquals(FileType.DIRECTORY, all.get(0).type());
        assertEquals(FileType.DIRECTORY, all.get(1).type());
        assertEquals(FileType.REGULAR_FILE, all.get(2).type());
        assertEquals(FileType.SYMBOLIC_LINK, all.get(3).type());
        assertEquals(FileType.DIRECTORY, all.get(4).type());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).next(), "d_next is the cookie of the following entry");
        }
        // d_ino of "." and of a file match what filestat reports.
        int st = h.alloc(64);
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, 3, st));
        assertEquals(h.mem.loadLong(st + 8), all.get(0).ino());
        assertEquals(Errno.SUCCESS, h.stat(3, 0, "file.txt"));
        assertEquals(h.mem.loadLong(h.out + 8), all.get(2).ino());
    }

    @Test
    void cookiesResumeAndSmallBuffersTruncate() {
        List<Dirent> all = readdir(3, 0, 4096);
        List<Dirent> fromThird = readdir(3, 2, 4096);
        assertEquals(all.subList(2, all.size()), fromThird);
        assertTrue(readdir(3, all.size(), 4096).isEmpty());

        // A buffer that holds one and a half entries is filled completely, signalling "more to come".
        int bufLen = 24 + 1 + 10;
        int buf = h.alloc(bufLen);
        int used = h.alloc(4);
        assertEquals(Errno.SUCCESS, h.fd().fdReaddir(h.mem, 3, buf, bufLen, 0, used));
        assertEquals(bufLen, h.mem.loadInt(used));
        assertEquals(1, h.mem.loadLong(buf));
        assertEquals(1, h.mem.loadInt(buf + 16));
        assertEquals('.', h.mem.loadByte(buf + 24));

        // Reading in small steps by cookie visits every entry once.
        List<String> names = new ArrayList<>();
        long cookie = 0;
        while (true) {
            List<Dirent> chunk = readdir(3, cookie, 40);
            if (chunk.isEmpty()) {
                break;
            }
            names.add(chunk.get(0).name());
            cookie = chunk.get(0).next();
        }
        assertEquals(all.stream().map(Dirent::name).toList(), names);
    }

    @Test
    void readdirOnAFileIsRefused() {
        int fd = h.openOk("file.txt", 0, Rights.FD_READ);
        int buf = h.alloc(64);
        assertEquals(Errno.NOTDIR, h.fd().fdReaddir(h.mem, fd, buf, 64, 0, h.out));
        assertEquals(Errno.BADF, h.fd().fdReaddir(h.mem, 99, buf, 64, 0, h.out));
    }
}

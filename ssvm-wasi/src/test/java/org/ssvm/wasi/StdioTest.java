package org.ssvm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard streams: fds 0-2 backed by the configured Java streams. */
class StdioTest {
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
    void writesGoToTheConfiguredStreams() {
        assertEquals(Errno.SUCCESS, h.write(1, "to stdout"));
        assertEquals(9, h.mem.loadInt(h.out));
        assertEquals(Errno.SUCCESS, h.write(2, "to stderr"));
        assertEquals("to stdout", h.stdout.toString(StandardCharsets.UTF_8));
        assertEquals("to stderr", h.stderr.toString(StandardCharsets.UTF_8));
        assertEquals(Errno.BADF, h.write(0, "not into stdin"));
        assertEquals(Errno.BADF, h.write(42, "nowhere"));
    }

    @Test
    void readsComeFromStdin() {
        int iov = h.iovecOf(64);
        assertEquals(Errno.SUCCESS, h.fd().fdRead(h.mem, 0, iov, 1, h.out));
        assertEquals(11, h.mem.loadInt(h.out));
        assertEquals("input line\n", h.iovecContent(iov, 11));
        assertEquals(Errno.SUCCESS, h.fd().fdRead(h.mem, 0, iov, 1, h.out));
        assertEquals(0, h.mem.loadInt(h.out), "end of input reads 0 bytes");
        assertEquals(Errno.BADF, h.fd().fdRead(h.mem, 1, iov, 1, h.out));
    }

    @Test
    void stdioLooksLikeACharacterDeviceWithoutSeeking() {
        int stat = h.alloc(24);
        for (int fd = 0; fd <= 2; fd++) {
            assertEquals(Errno.SUCCESS, h.fd().fdFdstatGet(h.mem, fd, stat));
            assertEquals(FileType.CHARACTER_DEVICE, h.mem.loadByte(stat));
            assertEquals(0, h.mem.loadLong(stat + 8) & (Rights.FD_SEEK | Rights.FD_TELL));
        }
        assertEquals(Errno.SPIPE, h.fd().fdSeek(h.mem, 1, 0, 0, h.out));
        assertEquals(Errno.SPIPE, h.fd().fdTell(h.mem, 1, h.out));
        int st = h.alloc(64);
        assertEquals(Errno.SUCCESS, h.fd().fdFilestatGet(h.mem, 1, st));
        assertEquals(FileType.CHARACTER_DEVICE, h.mem.loadByte(st + 16));
        assertEquals(Errno.BADF, h.fd().fdPrestatGet(h.mem, 1, h.out));
    }
}

package org.ssvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ssvm.runtime.Memory;

/**
 * The 64-byte WASI {@code filestat}: dev u64 @0, ino u64 @8, filetype u8 @16, nlink u64 @24, size u64 @32,
 * atim u64 @40, mtim u64 @48, ctim u64 @56.
 */
record FileStats(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {
    static final int SIZE = 64;

    /** Stats a host path without following a final symbolic link. */
    static FileStats of(Path p) {
        try {
            BasicFileAttributes basic = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> unix = unixAttributes(p);
            long dev = unix == null ? 0 : ((Number) unix.get("dev")).longValue();
            long ino = unix == null ? fallbackIno(basic) : ((Number) unix.get("ino")).longValue();
            long nlink = unix == null ? 1 : ((Number) unix.get("nlink")).longValue();
            int mode = unix == null ? -1 : ((Number) unix.get("mode")).intValue();
            long ctim = unix == null ? nanos(basic.lastModifiedTime()) : nanos((FileTime) unix.get("ctime"));
            return new FileStats(dev, ino, FileType.of(basic, mode), nlink, basic.size(),
                    nanos(basic.lastAccessTime()), nanos(basic.lastModifiedTime()), ctim);
        } catch (IOException e) {
            throw IoErrors.of(e);
        }
    }

    /** Inode number of a path, or 0 when it cannot be read (e.g. the entry vanished meanwhile). */
    static long inode(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return ((Number) ino).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    FileStats withSize(long newSize) {
        return new FileStats(dev, ino, filetype, nlink, newSize, atim, mtim, ctim);
    }

    FileStats withType(int type) {
        return new FileStats(dev, ino, type, nlink, size, atim, mtim, ctim);
    }

    void write(Memory mem, int ptr) {
        GuestMemory.check(mem, ptr, SIZE);
        long a = Integer.toUnsignedLong(ptr);
        mem.storeLong(a, dev);
        mem.storeLong(a + 8, ino);
        mem.storeLong(a + 16, 0);
        mem.storeByte(a + 16, (byte) filetype);
        mem.storeLong(a + 24, nlink);
        mem.storeLong(a + 32, size);
        mem.storeLong(a + 40, atim);
        mem.storeLong(a + 48, mtim);
        mem.storeLong(a + 56, ctim);
    }

    private static Map<String, Object> unixAttributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:dev,ino,nlink,mode,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static long fallbackIno(BasicFileAttributes basic) {
        Object key = basic.fileKey();
        return key == null ? 0 : key.hashCode() & 0xFFFF_FFFFL;
    }

    static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }
}

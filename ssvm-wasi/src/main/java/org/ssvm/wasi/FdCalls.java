package org.ssvm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssvm.runtime.Memory;

/**
 * The {@code fd_*} functions of WASI preview 1. Each method takes the guest memory and the raw arguments and
 * returns the errno; results go to the guest pointers given.
 */
public final class FdCalls {
    static final int FDSTAT_SIZE = 24;
    static final int DIRENT_SIZE = 24;
    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_SYNC = 16;
    static final int FDFLAGS_ALL = 0x1F;

    private final WasiContext ctx;

    FdCalls(WasiContext ctx) {
        this.ctx = ctx;
    }

    public int fdAdvise(int fd, long offset, long len, int advice) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            if (!(d instanceof FileFd)) {
                throw new ErrnoException(d instanceof DirFd ? Errno.BADF : Errno.SPIPE);
            }
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            d.require(Rights.FD_ADVISE);
            // Advice is only a hint; Java has no posix_fadvise, and ignoring it is always correct.
        });
    }

    public int fdAllocate(int fd, long offset, long len) {
        return Calls.run(() -> {
            FileFd f = file(fd);
            f.require(Rights.FD_ALLOCATE);
            if (offset < 0 || len <= 0 || offset + len < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            growTo(f, offset + len);
        });
    }

    public int fdClose(int fd) {
        return Calls.run(() -> ctx.fds.close(fd));
    }

    public int fdDatasync(int fd) {
        return Calls.run(() -> sync(fd, Rights.FD_DATASYNC, false));
    }

    public int fdSync(int fd) {
        return Calls.run(() -> sync(fd, Rights.FD_SYNC, true));
    }

    public int fdFdstatGet(Memory mem, int fd, int statPtr) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            GuestMemory.check(mem, statPtr, FDSTAT_SIZE);
            long a = Integer.toUnsignedLong(statPtr);
            mem.storeLong(a, 0);
            mem.storeByte(a, (byte) d.filetype());
            mem.storeShort(a + 2, (short) d.fdflags);
            mem.storeLong(a + 8, d.rightsBase);
            mem.storeLong(a + 16, d.rightsInheriting);
        });
    }

    public int fdFdstatSetFlags(int fd, int flags) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            d.require(Rights.FD_FDSTAT_SET_FLAGS);
            if ((flags & ~FDFLAGS_ALL) != 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            d.fdflags = flags;
        });
    }

    public int fdFdstatSetRights(int fd, long base, long inheriting) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            // Rights can only be dropped, never gained.
            if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
                throw new ErrnoException(Errno.NOTCAPABLE);
            }
            d.rightsBase = base;
            d.rightsInheriting = inheriting;
        });
    }

    public int fdFilestatGet(Memory mem, int fd, int statPtr) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            d.require(Rights.FD_FILESTAT_GET);
            FileStats stats = switch (d) {
                case StreamFd s -> new FileStats(0, 0, FileType.CHARACTER_DEVICE, 1, 0, 0, 0, 0);
                case FileFd f -> fileStats(f);
                case DirFd dir -> FileStats.of(dir.path()).withType(FileType.DIRECTORY);
            };
            stats.write(mem, statPtr);
        });
    }

    public int fdFilestatSetSize(int fd, long size) {
        return Calls.run(() -> {
            FileFd f = file(fd);
            f.require(Rights.FD_FILESTAT_SET_SIZE);
            if (size < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            if (size < f.channel.size()) {
                f.channel.truncate(size);
            } else {
                growTo(f, size);
            }
        });
    }

    public int fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            d.require(Rights.FD_FILESTAT_SET_TIMES);
            Path p = switch (d) {
                case FileFd f -> f.path();
                case DirFd dir -> dir.path();
                case StreamFd s -> throw new ErrnoException(Errno.BADF);
            };
            TimeSetter.set(p, atim, mtim, fstflags, ctx.config.realtimeNanos().getAsLong(), false);
        });
    }

    public int fdPread(Memory mem, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        return Calls.run(() -> {
            FileFd f = seekableFile(fd);
            requireOrBadf(f, Rights.FD_READ);
            if (offset < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            ByteBuffer[] bufs = GuestMemory.iovecs(mem, iovs, iovsLen);
            long pos = offset;
            long total = 0;
            outer:
            for (ByteBuffer b : bufs) {
                while (b.hasRemaining()) {
                    int n = f.channel.read(b, pos);
                    if (n <= 0) {
                        break outer;
                    }
                    pos += n;
                    total += n;
                }
            }
            GuestMemory.storeInt(mem, nreadPtr, (int) total);
        });
    }

    public int fdPwrite(Memory mem, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        return Calls.run(() -> {
            FileFd f = seekableFile(fd);
            requireOrBadf(f, Rights.FD_WRITE);
            if (offset < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            ByteBuffer[] bufs = GuestMemory.iovecs(mem, iovs, iovsLen);
            long pos = offset;
            long total = 0;
            for (ByteBuffer b : bufs) {
                while (b.hasRemaining()) {
                    int n = f.channel.write(b, pos);
                    pos += n;
                    total += n;
                }
            }
            syncIfAsked(f);
            GuestMemory.storeInt(mem, nwrittenPtr, (int) total);
        });
    }

    public int fdRead(Memory mem, int fd, int iovs, int iovsLen, int nreadPtr) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            ByteBuffer[] bufs = GuestMemory.iovecs(mem, iovs, iovsLen);
            long total = 0;
            switch (d) {
                case StreamFd s -> {
                    if (s.in == null) {
                        throw new ErrnoException(Errno.BADF);
                    }
                    requireOrBadf(s, Rights.FD_READ);
                    for (ByteBuffer b : bufs) {
                        int want = b.remaining();
                        if (want == 0) {
                            continue;
                        }
                        int n = s.in.read(b.array(), b.arrayOffset() + b.position(), want);
                        if (n <= 0) {
                            break;
                        }
                        total += n;
                        if (n < want) {
                            break; // do not block for more once something arrived
                        }
                    }
                }
                case FileFd f -> {
                    requireOrBadf(f, Rights.FD_READ);
                    long n = f.channel.read(bufs);
                    total = Math.max(0, n);
                }
                case DirFd dir -> throw new ErrnoException(Errno.BADF);
            }
            GuestMemory.storeInt(mem, nreadPtr, (int) total);
        });
    }

    public int fdWrite(Memory mem, int fd, int iovs, int iovsLen, int nwrittenPtr) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            ByteBuffer[] bufs = GuestMemory.iovecs(mem, iovs, iovsLen);
            long total = GuestMemory.total(bufs);
            // instanceof rather than a pattern switch: nearly every program writes, and the switch's bootstrap
            // costs about a millisecond of its start
            if (d instanceof StreamFd s) {
                if (s.out == null) {
                    throw new ErrnoException(Errno.BADF);
                }
                requireOrBadf(s, Rights.FD_WRITE);
                for (ByteBuffer b : bufs) {
                    s.out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                }
                s.out.flush();
            } else if (d instanceof FileFd f) {
                requireOrBadf(f, Rights.FD_WRITE);
                if ((f.fdflags & FDFLAG_APPEND) != 0) {
                    f.channel.position(f.channel.size());
                }
                long left = total;
                while (left > 0) {
                    left -= f.channel.write(bufs);
                }
                syncIfAsked(f);
            } else {
                throw new ErrnoException(Errno.BADF); // a directory
            }
            GuestMemory.storeInt(mem, nwrittenPtr, (int) total);
        });
    }

    public int fdPrestatGet(Memory mem, int fd, int prestatPtr) {
        return Calls.run(() -> {
            DirFd dir = preopen(fd);
            GuestMemory.check(mem, prestatPtr, 8);
            long a = Integer.toUnsignedLong(prestatPtr);
            mem.storeLong(a, 0); // tag 0 = preopentype dir
            mem.storeInt(a + 4, dir.preopenName.getBytes(StandardCharsets.UTF_8).length);
        });
    }

    public int fdPrestatDirName(Memory mem, int fd, int pathPtr, int pathLen) {
        return Calls.run(() -> {
            DirFd dir = preopen(fd);
            byte[] name = dir.preopenName.getBytes(StandardCharsets.UTF_8);
            if (Integer.toUnsignedLong(pathLen) < name.length) {
                throw new ErrnoException(Errno.NAMETOOLONG);
            }
            GuestMemory.check(mem, pathPtr, name.length);
            mem.write(Integer.toUnsignedLong(pathPtr), name, 0, name.length);
        });
    }

    public int fdReaddir(Memory mem, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        return Calls.run(() -> {
            Descriptor d = ctx.fds.get(fd);
            if (!(d instanceof DirFd dir)) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            dir.require(Rights.FD_READDIR);
            GuestMemory.check(mem, buf, bufLen);
            List<String> names = names(dir);
            // The cookie is the index of the next entry; the listing is sorted, so it is stable across calls.
            byte[] out = new byte[bufLen];
            ByteBuffer w = ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int used = 0;
            for (long i = cookie; i >= 0 && i < names.size() && used < bufLen; i++) {
                // Only entries that are emitted are stat'ed: large directories are read in many small calls.
                DirEntry e = entry(dir, names.get((int) i));
                byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
                ByteBuffer rec = ByteBuffer.allocate(DIRENT_SIZE + name.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                rec.putLong(i + 1).putLong(e.ino).putInt(name.length).put((byte) e.type).put(new byte[3]).put(name);
                // The last record may be cut short: a full buffer tells the guest to call again.
                int n = Math.min(rec.capacity(), bufLen - used);
                w.put(rec.array(), 0, n);
                used += n;
            }
            mem.write(Integer.toUnsignedLong(buf), out, 0, used);
            GuestMemory.storeInt(mem, bufusedPtr, used);
        });
    }

    public int fdRenumber(int from, int to) {
        return Calls.run(() -> ctx.fds.renumber(from, to));
    }

    public int fdSeek(Memory mem, int fd, long offset, int whence, int newOffsetPtr) {
        return Calls.run(() -> {
            FileFd f = seekableFile(fd);
            f.require(whence == 1 && offset == 0 ? Rights.FD_TELL : Rights.FD_SEEK);
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> f.channel.position();
                case 2 -> f.channel.size();
                default -> throw new ErrnoException(Errno.INVAL);
            };
            long pos = base + offset;
            if (pos < 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            GuestMemory.check(mem, newOffsetPtr, 8);
            f.channel.position(pos);
            GuestMemory.storeLong(mem, newOffsetPtr, pos);
        });
    }

    public int fdTell(Memory mem, int fd, int offsetPtr) {
        return Calls.run(() -> {
            FileFd f = seekableFile(fd);
            f.require(Rights.FD_TELL);
            GuestMemory.storeLong(mem, offsetPtr, f.channel.position());
        });
    }

    // ---- helpers ----

    private record DirEntry(String name, long ino, int type) {}

    /** ".", ".." and the directory's entries sorted by name. */
    private static List<String> names(DirFd dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.path())) {
            for (Path c : ds) {
                names.add(c.getFileName().toString());
            }
        }
        names.sort(null);
        names.add(0, "..");
        names.add(0, ".");
        return names;
    }

    private static DirEntry entry(DirFd dir, String name) {
        Path here = dir.path();
        if (name.equals(".")) {
            return new DirEntry(name, FileStats.inode(here), FileType.DIRECTORY);
        }
        if (name.equals("..")) {
            Path parent = here.getParent();
            return new DirEntry(name, parent == null ? 0 : FileStats.inode(parent), FileType.DIRECTORY);
        }
        Path c = here.resolve(name);
        var attrs = SandboxResolver.lstat(c);
        if (attrs == null) {
            return new DirEntry(name, 0, FileType.UNKNOWN); // removed since the listing
        }
        int mode = -1;
        try {
            mode = ((Number) Files.getAttribute(c, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
            // the type is still known from the basic attributes
        }
        return new DirEntry(name, FileStats.inode(c), FileType.of(attrs, mode));
    }

    private FileFd file(int fd) {
        Descriptor d = ctx.fds.get(fd);
        if (d instanceof FileFd f) {
            return f;
        }
        throw new ErrnoException(d instanceof DirFd ? Errno.BADF : Errno.INVAL);
    }

    /** A file that supports offsets: the standard streams are pipes to the guest (ESPIPE). */
    private FileFd seekableFile(int fd) {
        Descriptor d = ctx.fds.get(fd);
        if (d instanceof FileFd f) {
            return f;
        }
        throw new ErrnoException(d instanceof DirFd ? Errno.BADF : Errno.SPIPE);
    }

    private DirFd preopen(int fd) {
        if (ctx.fds.get(fd) instanceof DirFd dir && dir.preopenName != null) {
            return dir;
        }
        throw new ErrnoException(Errno.BADF);
    }

    /** Reading or writing without the right fails as POSIX does on a wrongly opened fd: EBADF. */
    private static void requireOrBadf(Descriptor d, long right) {
        if ((d.rightsBase & right) == 0) {
            throw new ErrnoException(Errno.BADF);
        }
    }

    private void sync(int fd, long right, boolean metadata) throws IOException {
        switch (ctx.fds.get(fd)) {
            case FileFd f -> {
                f.require(right);
                f.channel.force(metadata);
            }
            case DirFd dir -> {
                // Directories carry FD_SYNC only; syncing one makes its entries (creations, renames) durable.
                dir.require(Rights.FD_SYNC);
                try (FileChannel ch = FileChannel.open(dir.path(), java.nio.file.StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
            case StreamFd s -> throw new ErrnoException(Errno.INVAL);
        }
    }

    private static FileStats fileStats(FileFd f) throws IOException {
        long size = f.channel.size();
        try {
            return FileStats.of(f.path()).withSize(size).withType(FileType.REGULAR_FILE);
        } catch (ErrnoException e) {
            // The file was unlinked while open: it still exists for this fd.
            return new FileStats(0, 0, FileType.REGULAR_FILE, 0, size, 0, 0, 0);
        }
    }

    /** DSYNC and SYNC ask for each write to reach the disk before the call returns. */
    private static void syncIfAsked(FileFd f) throws IOException {
        if ((f.fdflags & (FDFLAG_DSYNC | FDFLAG_SYNC)) != 0) {
            f.channel.force((f.fdflags & FDFLAG_SYNC) != 0);
        }
    }

    /** Extends a file with zeros to at least {@code size} bytes, leaving the position alone. */
    private static void growTo(FileFd f, long size) throws IOException {
        FileChannel ch = f.channel;
        if (ch.size() < size) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }
}

package org.ssvm.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.ssvm.runtime.Memory;
import org.ssvm.wasi.SandboxResolver.Resolved;

/**
 * The {@code path_*} functions of WASI preview 1. Every path goes through {@link SandboxResolver}, so each one
 * is confined to the directory fd it is relative to.
 */
public final class PathCalls {
    static final int LOOKUP_SYMLINK_FOLLOW = 1;
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;

    /** Rights whose use needs the host file opened for writing. */
    private static final long WRITE_RIGHTS = Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

    private final WasiContext ctx;

    PathCalls(WasiContext ctx) {
        this.ctx = ctx;
    }

    public int pathCreateDirectory(Memory mem, int fd, int pathPtr, int pathLen) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_CREATE_DIRECTORY);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen), false);
            if (r.exists()) {
                throw new ErrnoException(Errno.EXIST);
            }
            if (r.isBase()) {
                throw new ErrnoException(Errno.NOENT); // "missing/." names nothing that could be created
            }
            Files.createDirectory(r.path());
        });
    }

    public int pathFilestatGet(Memory mem, int fd, int lookupFlags, int pathPtr, int pathLen, int statPtr) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_FILESTAT_GET);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen),
                    (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
            if (!r.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            FileStats.of(r.path()).write(mem, statPtr);
        });
    }

    public int pathFilestatSetTimes(Memory mem, int fd, int lookupFlags, int pathPtr, int pathLen, long atim,
                                    long mtim, int fstflags) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_FILESTAT_SET_TIMES);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen),
                    (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
            if (!r.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            // The resolved path holds no link except an unfollowed final one, which must not be followed.
            TimeSetter.set(r.path(), atim, mtim, fstflags, ctx.config.realtimeNanos().getAsLong(), false);
        });
    }

    public int pathLink(Memory mem, int oldFd, int oldFlags, int oldPathPtr, int oldPathLen, int newFd,
                        int newPathPtr, int newPathLen) {
        return Calls.run(() -> {
            DirFd oldDir = ctx.dir(oldFd, Rights.PATH_LINK_SOURCE);
            DirFd newDir = ctx.dir(newFd, Rights.PATH_LINK_TARGET);
            Resolved src = SandboxResolver.resolve(oldDir, GuestMemory.string(mem, oldPathPtr, oldPathLen),
                    (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0);
            Resolved dst = SandboxResolver.resolve(newDir, GuestMemory.string(mem, newPathPtr, newPathLen), false);
            if (!src.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (src.isDirectory()) {
                throw new ErrnoException(Errno.PERM);
            }
            if (dst.exists()) {
                throw new ErrnoException(Errno.EXIST);
            }
            if (dst.mustBeDir()) {
                throw new ErrnoException(Errno.NOENT);
            }
            Files.createLink(dst.path(), src.path());
        });
    }

    public int pathOpen(Memory mem, int fd, int lookupFlags, int pathPtr, int pathLen, int oflags,
                        long rightsBase, long rightsInheriting, int fdflags, int fdPtr) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_OPEN);
            if ((oflags & ~0xF) != 0 || (fdflags & ~FdCalls.FDFLAGS_ALL) != 0) {
                throw new ErrnoException(Errno.INVAL);
            }
            boolean creat = (oflags & O_CREAT) != 0;
            boolean trunc = (oflags & O_TRUNC) != 0;
            if (creat) {
                ctx.dir(fd, Rights.PATH_CREATE_FILE);
            }
            if (trunc) {
                ctx.dir(fd, Rights.PATH_FILESTAT_SET_SIZE);
            }
            String path = GuestMemory.string(mem, pathPtr, pathLen);
            // With O_CREAT|O_EXCL a final symbolic link is never followed: it exists, so EEXIST (POSIX).
            boolean excl = creat && (oflags & O_EXCL) != 0;
            Resolved r = SandboxResolver.resolve(dir, path, (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0 && !excl);
            GuestMemory.check(mem, fdPtr, 4);
            Descriptor opened;
            if (r.exists()) {
                if (excl) {
                    throw new ErrnoException(Errno.EXIST);
                }
                if (r.isSymlink()) {
                    // O_NOFOLLOW on a symbolic link, as POSIX: ELOOP (ENOTDIR when a directory was demanded).
                    throw new ErrnoException((oflags & O_DIRECTORY) != 0 ? Errno.NOTDIR : Errno.LOOP);
                }
                if (r.isDirectory()) {
                    // Like open(2) of a directory for writing, even with O_DIRECTORY.
                    if (trunc || (rightsBase & Rights.FD_WRITE) != 0) {
                        throw new ErrnoException(Errno.ISDIR);
                    }
                    opened = new DirFd(dir.root, r.path(), null, rightsBase & dir.rightsInheriting & Rights.DIRECTORY,
                            rightsInheriting & dir.rightsInheriting, fdflags);
                } else if ((oflags & O_DIRECTORY) != 0 || r.mustBeDir()) {
                    throw new ErrnoException(Errno.NOTDIR);
                } else if (!r.attrs().isRegularFile()) {
                    throw new ErrnoException(Errno.NOTSUP); // devices, fifos and sockets stay closed
                } else {
                    opened = openFile(dir, r.path(), false, trunc, rightsBase, rightsInheriting, fdflags);
                }
            } else {
                if (!creat || r.isBase()) {
                    throw new ErrnoException(Errno.NOENT);
                }
                if ((oflags & O_DIRECTORY) != 0) {
                    throw new ErrnoException(Errno.INVAL);
                }
                if (r.mustBeDir()) {
                    throw new ErrnoException(Errno.ISDIR);
                }
                opened = openFile(dir, r.path(), true, trunc, rightsBase, rightsInheriting, fdflags);
            }
            GuestMemory.storeInt(mem, fdPtr, ctx.fds.add(opened));
        });
    }

    public int pathReadlink(Memory mem, int fd, int pathPtr, int pathLen, int buf, int bufLen, int bufusedPtr) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_READLINK);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen), false);
            if (!r.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (!r.isSymlink()) {
                throw new ErrnoException(Errno.INVAL);
            }
            byte[] target = Files.readSymbolicLink(r.path()).toString().getBytes(StandardCharsets.UTF_8);
            GuestMemory.check(mem, buf, bufLen);
            GuestMemory.check(mem, bufusedPtr, 4);
            // Like readlink(2), a short buffer receives a truncated target.
            int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
            mem.write(Integer.toUnsignedLong(buf), target, 0, n);
            GuestMemory.storeInt(mem, bufusedPtr, n);
        });
    }

    public int pathRemoveDirectory(Memory mem, int fd, int pathPtr, int pathLen) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_REMOVE_DIRECTORY);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen), false);
            if (r.isBase()) {
                throw new ErrnoException(Errno.INVAL);
            }
            if (!r.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (!r.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            try {
                Files.delete(r.path());
            } catch (DirectoryNotEmptyException e) {
                throw new ErrnoException(Errno.NOTEMPTY);
            }
        });
    }

    public int pathRename(Memory mem, int fd, int oldPathPtr, int oldPathLen, int newFd, int newPathPtr,
                          int newPathLen) {
        return Calls.run(() -> {
            DirFd oldDir = ctx.dir(fd, Rights.PATH_RENAME_SOURCE);
            DirFd newDir = ctx.dir(newFd, Rights.PATH_RENAME_TARGET);
            Resolved src = SandboxResolver.resolve(oldDir, GuestMemory.string(mem, oldPathPtr, oldPathLen), false);
            Resolved dst = SandboxResolver.resolve(newDir, GuestMemory.string(mem, newPathPtr, newPathLen), false);
            if (src.isBase() || dst.isBase()) {
                throw new ErrnoException(Errno.BUSY);
            }
            if (!src.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (!src.isDirectory() && dst.mustBeDir()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            if (dst.exists()) {
                if (src.isDirectory() && !dst.isDirectory()) {
                    throw new ErrnoException(Errno.NOTDIR);
                }
                if (!src.isDirectory() && dst.isDirectory()) {
                    throw new ErrnoException(Errno.ISDIR);
                }
                Object key = src.attrs().fileKey();
                if (key != null && key.equals(dst.attrs().fileKey())) {
                    return; // rename(2) does nothing when both names are the same file
                }
            }
            if (src.isDirectory() && dst.path().startsWith(src.path())) {
                throw new ErrnoException(Errno.INVAL); // into its own subtree
            }
            // ATOMIC_MOVE is rename(2): it replaces a file or an empty directory, and fails on a non-empty one.
            Files.move(src.path(), dst.path(), StandardCopyOption.ATOMIC_MOVE);
        });
    }

    public int pathSymlink(Memory mem, int oldPathPtr, int oldPathLen, int fd, int newPathPtr, int newPathLen) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_SYMLINK);
            String target = GuestMemory.string(mem, oldPathPtr, oldPathLen);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, newPathPtr, newPathLen), false);
            if (r.exists()) {
                throw new ErrnoException(Errno.EXIST);
            }
            if (r.mustBeDir()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (target.isEmpty()) {
                throw new ErrnoException(Errno.NOENT);
            }
            // A link that could only ever point outside the sandbox is refused, not just left unfollowable,
            // so that nothing on the host (which follows links freely) is tricked by it either.
            if (!SandboxResolver.staysInside(target, r.depth())) {
                throw new ErrnoException(SandboxResolver.ESCAPE);
            }
            Files.createSymbolicLink(r.path(), Path.of(target));
        });
    }

    public int pathUnlinkFile(Memory mem, int fd, int pathPtr, int pathLen) {
        return Calls.run(() -> {
            DirFd dir = ctx.dir(fd, Rights.PATH_UNLINK_FILE);
            Resolved r = SandboxResolver.resolve(dir, GuestMemory.string(mem, pathPtr, pathLen), false);
            if (!r.exists()) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (r.isDirectory()) {
                throw new ErrnoException(Errno.ISDIR);
            }
            Files.delete(r.path());
        });
    }

    private FileFd openFile(DirFd dir, Path path, boolean create, boolean trunc, long rightsBase,
                            long rightsInheriting, int fdflags) throws IOException {
        long base = rightsBase & dir.rightsInheriting & Rights.REGULAR_FILE;
        long inheriting = rightsInheriting & dir.rightsInheriting;
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        boolean write = (base & WRITE_RIGHTS) != 0 || trunc;
        if ((base & Rights.FD_READ) != 0 || !write) {
            opts.add(StandardOpenOption.READ);
        }
        if (write) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (trunc) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (create) {
            opts.add(StandardOpenOption.CREATE_NEW);
            if (!write) {
                opts.add(StandardOpenOption.WRITE); // the JDK needs WRITE to create; rights still forbid writes
            }
        }
        FileChannel ch = FileChannel.open(path, opts);
        return new FileFd(ch, dir.root, path, base, inheriting, fdflags);
    }
}

package org.ssvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state one WASI program runs with: its configuration and its file descriptor table, set up with the
 * standard streams at 0-2 and the preopens from 3 on.
 */
final class WasiContext {
    final WasiConfig config;
    final FdTable fds = new FdTable();

    WasiContext(WasiConfig config) {
        this.config = config;
        fds.add(new StreamFd(config.stdin(), null));
        fds.add(new StreamFd(null, config.stdout()));
        fds.add(new StreamFd(null, config.stderr()));
        for (Preopen p : config.preopens()) {
            Path real;
            try {
                // The real path, so that the sandbox root itself contains no symbolic link to walk through.
                real = p.hostPath().toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot preopen " + p.hostPath() + ": " + e.getMessage(), e);
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("cannot preopen " + p.hostPath() + ": not a directory");
            }
            long base = p.readOnly() ? Rights.READ_ONLY_DIRECTORY : Rights.DIRECTORY;
            long inheriting = p.readOnly() ? Rights.READ_ONLY_DIRECTORY | Rights.READ_ONLY_FILE
                    : Rights.DIRECTORY | Rights.REGULAR_FILE;
            fds.add(new DirFd(real, real, p.guestPath(), base, inheriting, 0));
        }
    }

    /**
     * The descriptor if it is a directory holding {@code rights}: ENOTDIR for other kinds (path calls), EBADF if
     * not open, EPERM if a right is missing.
     */
    DirFd dir(int fd, long rights) {
        Descriptor d = fds.get(fd);
        if (!(d instanceof DirFd dir)) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        // A directory capability that does not allow the operation: "not permitted", as for an escape.
        if ((dir.rightsBase & rights) != rights) {
            throw new ErrnoException(Errno.PERM);
        }
        return dir;
    }
}

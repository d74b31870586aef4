package org.ssvm.wasi;

import java.io.IOException;

/** An entry of the WASI file descriptor table: what the fd refers to, its rights and its fdflags. */
abstract sealed class Descriptor permits StreamFd, FileFd, DirFd {
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    /** The WASI {@code filetype} reported by fd_fdstat_get. */
    abstract int filetype();

    /** Releases host resources; the standard streams are left open because the host owns them. */
    void close() throws IOException {}

    /** Fails with ENOTCAPABLE unless every bit of {@code rights} is held. */
    final void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
    }
}

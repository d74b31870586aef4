package org.ssvm.wasi;

import java.nio.file.Path;

/**
 * An open directory. Its host path is the root of every path resolved through it: nothing above it is
 * reachable, which is what confines a program to its preopens.
 */
final class DirFd extends Descriptor {
    final Path hostPath;
    /** The guest name for a preopen (reported by fd_prestat_*), or null for directories opened later. */
    final String preopenName;

    DirFd(Path hostPath, String preopenName, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.hostPath = hostPath;
        this.preopenName = preopenName;
    }

    @Override
    int filetype() { return FileType.DIRECTORY; }
}

package org.ssvm.wasi;

import java.nio.file.Path;

/**
 * An open directory. Its host path is the root of every path resolved through it: nothing above it is
 * reachable, which is what confines a program to its preopens.
 */
final class DirFd extends Descriptor {
    /** The real path of the preopen this directory lies in. */
    final Path root;
    private final Path hostPath;
    /** The guest name for a preopen (reported by fd_prestat_*), or null for directories opened later. */
    final String preopenName;

    DirFd(Path root, Path hostPath, String preopenName, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.root = root;
        this.hostPath = hostPath;
        this.preopenName = preopenName;
    }

    /**
     * The host path, checked again to contain no symbolic link below the preopen: the guest may have renamed a
     * parent and put a link in its place since this directory was opened.
     */
    Path path() {
        return SandboxResolver.verify(root, hostPath, true);
    }

    @Override
    int filetype() { return FileType.DIRECTORY; }
}

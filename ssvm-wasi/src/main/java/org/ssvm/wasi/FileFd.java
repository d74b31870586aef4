package org.ssvm.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** An open regular file. The channel's position is the fd's offset. */
final class FileFd extends Descriptor {
    final FileChannel channel;
    private final Path root;
    private final Path hostPath;

    FileFd(FileChannel channel, Path root, Path hostPath, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.root = root;
        this.hostPath = hostPath;
    }

    /**
     * The file's host path for the few operations Java only offers by path (times, inode), checked again to
     * contain no symbolic link below the preopen.
     */
    Path path() {
        return SandboxResolver.verify(root, hostPath, false);
    }

    @Override
    int filetype() { return FileType.REGULAR_FILE; }

    @Override
    void close() throws IOException { channel.close(); }
}

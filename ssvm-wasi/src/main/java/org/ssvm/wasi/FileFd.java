package org.ssvm.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** An open regular file. The channel's position is the fd's offset. */
final class FileFd extends Descriptor {
    final FileChannel channel;
    final Path path;

    FileFd(FileChannel channel, Path path, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.channel = channel;
        this.path = path;
    }

    @Override
    int filetype() { return FileType.REGULAR_FILE; }

    @Override
    void close() throws IOException { channel.close(); }
}

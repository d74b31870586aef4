package org.ssvm.wasi;

import java.io.InputStream;
import java.io.OutputStream;

/** A standard stream (fd 0, 1 or 2) backed by a Java stream; it behaves like a character device. */
final class StreamFd extends Descriptor {
    final InputStream in;
    final OutputStream out;

    StreamFd(InputStream in, OutputStream out) {
        super(in != null ? Rights.STDIO & ~Rights.FD_WRITE : Rights.STDIO & ~Rights.FD_READ, 0, 0);
        this.in = in;
        this.out = out;
    }

    @Override
    int filetype() { return FileType.CHARACTER_DEVICE; }
}

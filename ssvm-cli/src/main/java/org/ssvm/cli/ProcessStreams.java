package org.ssvm.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams one command-line run reads and writes. The real process uses its file descriptors;
 * tests pass in-memory streams so they can run {@link Main#execute(ProcessStreams, String...)} and read
 * everything a command printed.
 */
record ProcessStreams(InputStream in, OutputStream out, OutputStream err) {
    /**
     * The process's own streams. Standard output goes through a large buffer straight to the file descriptor:
     * WASI programs write in many small pieces, and {@code System.out} would add a lock and a charset layer to
     * each. The buffer is flushed when the command ends and before a trap is reported.
     */
    static ProcessStreams system() {
        return new ProcessStreams(System.in,
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                new FileOutputStream(FileDescriptor.err));
    }
}

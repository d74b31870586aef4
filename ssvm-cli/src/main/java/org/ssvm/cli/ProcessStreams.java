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
    /** The process's own streams, standard output buffered (see {@link #buffered}). */
    static ProcessStreams system() {
        return buffered(System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
    }

    /**
     * Streams whose standard output goes through a buffer straight to {@code out}, with no lock or charset
     * layer as in {@code System.out}. WASI flushes it at the end of every fd_write, so the pieces of one
     * fd_write reach the file in one write and a prompt is shown before the program reads its answer.
     */
    static ProcessStreams buffered(InputStream in, OutputStream out, OutputStream err) {
        return new ProcessStreams(in, new BufferedOutputStream(out, 1 << 16), err);
    }
}

package org.ssvm.wasi;

/**
 * Internal control flow: a WASI call failed with an errno. Cheap (no stack trace) because guests provoke errors
 * routinely, e.g. probing for files that do not exist.
 */
final class ErrnoException extends RuntimeException {
    final int errno;

    ErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}

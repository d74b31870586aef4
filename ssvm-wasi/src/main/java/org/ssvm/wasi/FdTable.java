package org.ssvm.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The file descriptor table: 0-2 are the standard streams, then preopens, then whatever the guest opens. */
final class FdTable {
    private final List<Descriptor> entries = new ArrayList<>();

    /** Installs a descriptor at the lowest free number and returns that number. */
    int add(Descriptor d) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) {
                entries.set(i, d);
                return i;
            }
        }
        entries.add(d);
        return entries.size() - 1;
    }

    /** The descriptor, or EBADF. */
    Descriptor get(int fd) {
        Descriptor d = fd >= 0 && fd < entries.size() ? entries.get(fd) : null;
        if (d == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return d;
    }

    boolean isOpen(int fd) {
        return fd >= 0 && fd < entries.size() && entries.get(fd) != null;
    }

    void close(int fd) throws IOException {
        Descriptor d = get(fd);
        entries.set(fd, null);
        d.close();
    }

    /** Moves {@code from} onto {@code to}, closing what {@code to} held; both must be open. */
    void renumber(int from, int to) throws IOException {
        Descriptor d = get(from);
        Descriptor old = get(to);
        if (from == to) {
            return;
        }
        entries.set(to, d);
        entries.set(from, null);
        old.close();
    }

    /** Closes every descriptor (for a runner that is done with the program). */
    void closeAll() {
        for (int i = 0; i < entries.size(); i++) {
            Descriptor d = entries.get(i);
            entries.set(i, null);
            if (d != null) {
                try {
                    d.close();
                } catch (IOException ignored) {
                    // nothing useful to report once the program is gone
                }
            }
        }
    }
}

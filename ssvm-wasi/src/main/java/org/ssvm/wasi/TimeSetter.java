package org.ssvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/** Applies fd_filestat_set_times / path_filestat_set_times, validating the {@code fstflags}. */
final class TimeSetter {
    static final int ATIM = 1;
    static final int ATIM_NOW = 2;
    static final int MTIM = 4;
    static final int MTIM_NOW = 8;

    private TimeSetter() {}

    static void set(Path p, long atim, long mtim, int fstflags, long nowNanos, boolean followLinks)
            throws IOException {
        if ((fstflags & ~0xF) != 0 || (fstflags & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
                || (fstflags & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
            throw new ErrnoException(Errno.INVAL);
        }
        FileTime a = (fstflags & ATIM) != 0 ? time(atim) : (fstflags & ATIM_NOW) != 0 ? time(nowNanos) : null;
        FileTime m = (fstflags & MTIM) != 0 ? time(mtim) : (fstflags & MTIM_NOW) != 0 ? time(nowNanos) : null;
        if (a == null && m == null) {
            return;
        }
        BasicFileAttributeView view = followLinks
                ? Files.getFileAttributeView(p, BasicFileAttributeView.class)
                : Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setTimes(m, a, null);
    }

    private static FileTime time(long nanos) {
        // WASI timestamps are unsigned nanoseconds since the epoch.
        if (nanos < 0) {
            return FileTime.from(Long.divideUnsigned(nanos, 1000), TimeUnit.MICROSECONDS);
        }
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
}

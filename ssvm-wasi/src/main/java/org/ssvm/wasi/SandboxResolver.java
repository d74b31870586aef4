package org.ssvm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves guest paths below a directory fd without ever leaving it.
 *
 * <p>The host never resolves a guest path in one go. Components are walked one at a time from the directory's
 * host path, each looked up with {@code NOFOLLOW_LINKS}; symbolic links are read here and their text spliced
 * into the remaining components, so {@code ..} is applied to directories actually reached. Absolute paths,
 * absolute link targets and any {@code ..} that would climb above the starting directory fail with
 * EPERM, the errno wasi-testsuite (and WASI filesystem's "not-permitted") expects for a sandbox violation. The final component is followed only when asked (lookupflags SYMLINK_FOLLOW) or when the path
 * ends with a slash, as POSIX does.
 */
final class SandboxResolver {
    /** Links followed before giving up with ELOOP, as Linux's MAXSYMLINKS. */
    static final int MAX_LINKS = 40;
    /** The errno of every attempt to leave the sandbox. */
    static final int ESCAPE = Errno.PERM;

    private SandboxResolver() {}

    /**
     * The outcome of a resolution.
     *
     * @param path      host path of the final entry (which may not exist); contains no symbolic link except
     *                  possibly the final component when it was not followed
     * @param attrs     the final entry's attributes, not following links, or null if it does not exist
     * @param mustBeDir the path ended with a slash, so the entry must be (or be created as) a directory
     * @param isBase    the path names a directory reached through "." or ".." (the starting directory itself,
     *                  "a/.", "a/b/..") rather than an entry of a parent: it can be opened or stat'ed, but not
     *                  removed, renamed or created
     * @param depth     how many directories below the starting directory the final entry's parent is
     */
    record Resolved(Path path, BasicFileAttributes attrs, boolean mustBeDir, boolean isBase, int depth) {
        boolean exists() { return attrs != null; }

        boolean isDirectory() { return attrs != null && attrs.isDirectory(); }

        boolean isSymlink() { return attrs != null && attrs.isSymbolicLink(); }
    }

    static Resolved resolve(DirFd dir, String path, boolean followFinal) {
        Path base = dir.path();
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (path.startsWith("/")) {
            throw new ErrnoException(ESCAPE);
        }
        Deque<String> pending = new ArrayDeque<>();
        boolean mustBeDir = split(path, pending);
        boolean dotFinal = endsWithDot(path);
        List<String> stack = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                if (stack.isEmpty()) {
                    throw new ErrnoException(ESCAPE);
                }
                stack.removeLast();
                continue;
            }
            boolean last = pending.isEmpty();
            Path parent = join(base, stack);
            Path candidate = parent.resolve(name);
            BasicFileAttributes attrs = lstat(candidate);
            if (attrs == null) {
                if (last) {
                    return new Resolved(candidate, null, mustBeDir, dotFinal, stack.size());
                }
                throw new ErrnoException(Errno.NOENT);
            }
            if (attrs.isSymbolicLink() && (!last || followFinal || mustBeDir)) {
                if (++links > MAX_LINKS) {
                    throw new ErrnoException(Errno.LOOP);
                }
                String target = readLink(candidate);
                if (target.isEmpty()) {
                    throw new ErrnoException(Errno.NOENT);
                }
                if (target.startsWith("/")) {
                    throw new ErrnoException(ESCAPE);
                }
                Deque<String> expanded = new ArrayDeque<>();
                boolean targetDir = split(target, expanded);
                if (last && targetDir) {
                    mustBeDir = true;
                }
                while (!expanded.isEmpty()) {
                    pending.addFirst(expanded.removeLast());
                }
                continue;
            }
            if (!last && !attrs.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            if (last) {
                if (mustBeDir && !attrs.isDirectory() && !attrs.isSymbolicLink()) {
                    throw new ErrnoException(Errno.NOTDIR);
                }
                return new Resolved(candidate, attrs, mustBeDir, dotFinal, stack.size());
            }
            stack.add(name);
        }
        // Every component was "." or ".." (or a link to such): the result is a directory already walked.
        Path here = join(base, stack);
        BasicFileAttributes attrs = lstat(here);
        if (attrs == null) {
            throw new ErrnoException(Errno.NOENT);
        }
        return new Resolved(here, attrs, true, true, Math.max(0, stack.size() - 1));
    }

    /**
     * Re-checks that {@code hostPath}, once resolved inside {@code root}, is still reached without any symbolic
     * link: every component below the root must exist, intermediate ones as directories, and the last one as a
     * directory ({@code directory}) or a non-link. Fails with ENOENT when something was moved away.
     */
    static Path verify(Path root, Path hostPath, boolean directory) {
        Path p = root;
        Path rel = root.relativize(hostPath);
        int n = rel.toString().isEmpty() ? 0 : rel.getNameCount();
        for (int i = 0; i < n; i++) {
            p = p.resolve(rel.getName(i));
            BasicFileAttributes attrs = lstat(p);
            boolean last = i == n - 1;
            if (attrs == null || attrs.isSymbolicLink() || (!last || directory) && !attrs.isDirectory()) {
                throw new ErrnoException(Errno.NOENT);
            }
        }
        return hostPath;
    }

    /**
     * Whether a symbolic link with contents {@code target}, placed {@code depth} directories below the
     * starting directory, stays inside it when followed lexically.
     */
    static boolean staysInside(String target, int depth) {
        if (target.startsWith("/")) {
            return false;
        }
        Deque<String> parts = new ArrayDeque<>();
        split(target, parts);
        int level = depth;
        for (String p : parts) {
            level += p.equals("..") ? -1 : 1;
            if (level < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last component, ignoring trailing slashes, is "." or "..". */
    private static boolean endsWithDot(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(0, end);
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.equals(".") || last.equals("..");
    }

    /** Splits on '/', dropping empty and "." components; returns whether the path ends with a slash or ".". */
    private static boolean split(String path, Deque<String> out) {
        boolean dirSuffix = path.endsWith("/") || path.endsWith("/.") || path.equals(".");
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                out.addLast(part);
            }
        }
        return dirSuffix;
    }

    private static Path join(Path base, List<String> names) {
        Path p = base;
        for (String n : names) {
            p = p.resolve(n);
        }
        return p;
    }

    static BasicFileAttributes lstat(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw IoErrors.of(e);
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw IoErrors.of(e);
        }
    }
}

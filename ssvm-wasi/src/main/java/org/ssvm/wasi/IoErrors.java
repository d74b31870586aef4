package org.ssvm.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps host I/O failures to WASI errnos. java.nio reports most POSIX errors only as a reason string. */
final class IoErrors {
    private IoErrors() {}

    static ErrnoException of(IOException e) {
        return new ErrnoException(errno(e));
    }

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.NOTEMPTY;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.ACCES;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.NOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.LOOP;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null) {
            if (reason.contains("Is a directory")) return Errno.ISDIR;
            if (reason.contains("Not a directory")) return Errno.NOTDIR;
            if (reason.contains("Invalid argument")) return Errno.INVAL;
            if (reason.contains("symbolic links")) return Errno.LOOP;
            if (reason.contains("not empty")) return Errno.NOTEMPTY;
            if (reason.contains("File exists")) return Errno.EXIST;
            if (reason.contains("not permitted")) return Errno.PERM;
            if (reason.contains("Read-only file system")) return Errno.ROFS;
            if (reason.contains("No space left")) return Errno.NOSPC;
            if (reason.contains("cross-device")) return Errno.XDEV;
            if (reason.contains("name too long")) return Errno.NAMETOOLONG;
            if (reason.contains("Too many links")) return Errno.MLINK;
            if (reason.contains("Bad file descriptor")) return Errno.BADF;
            if (reason.contains("File too large")) return Errno.FBIG;
        }
        return Errno.IO;
    }
}

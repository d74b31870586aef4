package org.ssvm.wasi;

import java.nio.file.attribute.BasicFileAttributes;

/** WASI {@code filetype} values and the mapping from host file attributes. */
final class FileType {
    private FileType() {}

    static final int UNKNOWN = 0;
    static final int BLOCK_DEVICE = 1;
    static final int CHARACTER_DEVICE = 2;
    static final int DIRECTORY = 3;
    static final int REGULAR_FILE = 4;
    static final int SOCKET_DGRAM = 5;
    static final int SOCKET_STREAM = 6;
    static final int SYMBOLIC_LINK = 7;

    /** The type of a file; {@code mode} is the Unix st_mode, or -1 when the platform does not report it. */
    static int of(BasicFileAttributes attrs, int mode) {
        if (attrs.isSymbolicLink()) {
            return SYMBOLIC_LINK;
        }
        if (attrs.isDirectory()) {
            return DIRECTORY;
        }
        if (attrs.isRegularFile()) {
            return REGULAR_FILE;
        }
        if (mode != -1) {
            switch (mode & 0xF000) {
                case 0x2000: return CHARACTER_DEVICE;
                case 0x6000: return BLOCK_DEVICE;
                case 0xC000: return SOCKET_STREAM;
                default: return UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}

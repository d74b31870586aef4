package org.ssvm.binary;

import org.ssvm.model.Module;

/**
 * Decodes the binary format. PLACEHOLDER on this branch: the real decoder is written on another branch and
 * replaces this class at merge.
 */
public final class ModuleDecoder {
    private ModuleDecoder() {}

    /** Decodes a module; throws {@link org.ssvm.DecodeException} when malformed. */
    public static Module decode(byte[] bytes) {
        throw new UnsupportedOperationException("the binary decoder is not available on this branch");
    }
}

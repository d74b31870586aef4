package org.ssvm.cli;

import java.nio.file.Path;

/** Where {@code ssvm run} keeps compiled code between runs unless told otherwise (the XDG convention). */
final class CodeCacheDirectory {
    private CodeCacheDirectory() {
    }

    /**
     * The system property {@code ssvm.cacheDir} (set by the build for its tests), else $SSVM_CACHE_DIR, else
     * $XDG_CACHE_HOME/ssvm, else ~/.cache/ssvm.
     */
    static Path standard() {
        String property = System.getProperty("ssvm.cacheDir");
        if (property != null && !property.isEmpty()) {
            return Path.of(property);
        }
        String own = System.getenv("SSVM_CACHE_DIR");
        if (own != null && !own.isEmpty()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "ssvm");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ssvm");
    }
}

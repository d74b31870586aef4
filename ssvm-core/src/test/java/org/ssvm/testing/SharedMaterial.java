package org.ssvm.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared test material (spec suite, WASI tests, benchmark kernels) that lives beside the project in
 * {@code ../shared}. The build passes its location as the system property {@code ssvm.shared}; the environment
 * variable {@code SSVM_SHARED} overrides both. A missing folder is an error that says how to get it, never a
 * silently skipped test.
 */
public final class SharedMaterial {
    private SharedMaterial() {
    }

    /** The shared folder's subfolder {@code relative}, which must exist. */
    public static Path require(String relative) {
        Path root = root();
        Path dir = root.resolve(relative);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("""
                    Shared test material not found: %s
                    These tests need the official test suites beside the project, in ../shared (or set -Dssvm.shared=DIR
                    or SSVM_SHARED=DIR):
                      testsuite/wasm-2.0, wasm-3.0: the .wast files of https://github.com/WebAssembly/testsuite
                      wasi-testsuite/{c,rust,assemblyscript}: https://github.com/WebAssembly/wasi-testsuite, branch prod/testsuite-all
                      bench: the project's benchmark kernels (src/, wasm/, native/)"""
                    .formatted(dir.toAbsolutePath().normalize()));
        }
        try {
            // the real path, so that tree walks work when ../shared is itself a symbolic link
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot resolve " + dir, e);
        }
    }

    private static Path root() {
        String fromEnv = System.getenv("SSVM_SHARED");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String fromBuild = System.getProperty("ssvm.shared");
        return Path.of(fromBuild != null ? fromBuild : "../shared");
    }
}

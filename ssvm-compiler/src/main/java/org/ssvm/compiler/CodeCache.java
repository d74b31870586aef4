package org.ssvm.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.model.Module;

/**
 * Compiled code kept on disk between processes, one file per module: a program run again starts from the
 * classes of its last run instead of generating them, which on a cold JVM costs more than the run of a short
 * program. Entries have the format of an {@code ssvm.aot} section ({@link AotFormat}) and carry the same keys,
 * except that the module is identified by its bytes (its sections other than custom ones) rather than their
 * SHA-256: a cold JVM compares 100 KB faster than it hashes them. An entry is named by a CRC-32C of those bytes
 * and their length; two modules with the same name only replace each other's entry, since the bytes decide.
 * An entry from another SSVM build, JDK or option set, or a damaged one, is compiled again and replaced. Code
 * with metering (each cost table, each kind of gas check) has entries of its own, whose names add a CRC of
 * their options; the options themselves are checked on loading, as for any entry.
 *
 * <p>The directory is trusted like the user's other files and SSVM's own jars: its entries are code this JVM
 * runs, and who may write there may as well change SSVM. So entries are checked for integrity and for matching
 * keys (both cheap) but not for what their classes refer to, the scan that code arriving inside a module gets
 * ({@link AotLoader}), which would cost a good part of what the cache saves. Failing to read or write the
 * directory never fails a run: the module is then simply compiled.
 */
final class CodeCache {
    private static final String SUFFIX = ".ssvm-code";

    private final Path dir;

    CodeCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The module's code for these options: from its cache entry when usable, else compiled now and stored for the
     * next run.
     */
    ModuleCode loadOrCompile(Module module, int maxCallDepth, MeteringConfig metering, boolean exactGas) {
        Entry entry = entry(module, maxCallDepth, metering, exactGas);
        ModuleCode code = load(module, entry, maxCallDepth, metering, exactGas);
        if (code != null) {
            return code;
        }
        ModuleCompiler.Compiled compiled = ModuleCompiler.compileLoaded(module, AotCompiler.CLASS_PREFIX, maxCallDepth,
                metering, exactGas);
        write(entry.path, AotFormat.write(entry.config, entry.key,
                new AotFormat.Image(compiled.classPrefix(), compiled.fallback(), compiled.classes())));
        return compiled.code();
    }

    /**
     * The module's code for these options from its cache entry, or null when it has no usable one. Entries are
     * written only after compiling, and only validated modules get compiled: a module found here is valid.
     */
    ModuleCode load(Module module, int maxCallDepth, MeteringConfig metering, boolean exactGas) {
        return load(module, entry(module, maxCallDepth, metering, exactGas), maxCallDepth, metering, exactGas);
    }

    private ModuleCode load(Module module, Entry entry, int maxCallDepth, MeteringConfig metering,
                            boolean exactGas) {
        byte[] data = read(entry.path);
        if (data == null) {
            return null;
        }
        AotLoader.Result cached = AotLoader.loadImage(module, data, maxCallDepth, metering, exactGas,
                () -> entry.key, false);
        if (cached.code() == null) {
            debug("replacing cache entry " + entry.path + ": " + cached.reason());
        }
        return cached.code();
    }

    /** Where a module's entry for a set of options lives, and the key and options it is checked against. */
    private record Entry(Path path, byte[] key, String config) {}

    private Entry entry(Module module, int maxCallDepth, MeteringConfig metering, boolean exactGas) {
        byte[] key = AotKey.moduleBytes(module);
        String name = crc(key) + "-" + Integer.toHexString(key.length);
        String config = AotKey.config(maxCallDepth, metering, exactGas);
        if (!metering.isOff()) {
            name += "-" + crc(config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Entry(dir.resolve(name + SUFFIX), key, config);
    }

    /**
     * Logs to the System.Logger {@code org.ssvm.compiler.cache}, looked up only now: creating a logger starts the
     * logging backend, some 10 ms of a cold start that a run with a usable entry does not need.
     */
    private static void debug(String message) {
        System.getLogger("org.ssvm.compiler.cache").log(System.Logger.Level.DEBUG, message);
    }

    private static String crc(byte[] bytes) {
        return Integer.toHexString(AotFormat.crc32c(bytes, 0));
    }

    private static byte[] read(Path entry) {
        try {
            return Files.isRegularFile(entry) ? Files.readAllBytes(entry) : null;
        } catch (IOException | SecurityException e) {
            debug("cannot read cache entry " + entry + ": " + e);
            return null;
        }
    }

    /** Writes through a temporary file and a rename, so that a reader never sees half an entry. */
    private void write(Path entry, byte[] data) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "entry", ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            debug("cannot write cache entry " + entry + ": " + e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless
                }
            }
        }
    }
}

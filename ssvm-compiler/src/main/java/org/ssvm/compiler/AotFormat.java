package org.ssvm.compiler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of the {@code ssvm.aot} custom section (all integers big-endian, strings in Java's modified UTF-8
 * as {@link DataOutputStream#writeUTF} writes them):
 *
 * <pre>
 * magic        4 bytes "SSVM"
 * format       u32     {@link #FORMAT_VERSION}
 * ssvmVersion  utf     {@link AotKey#ssvmVersion()}
 * jdkFeature   u32     {@link AotKey#jdkFeature()}
 * config       utf     {@link AotKey#config(int, org.ssvm.metering.MeteringConfig, boolean)}
 * moduleKey    u32 length, then the bytes: what identifies the module. In a section, {@link AotKey#moduleHash}
 *              (SHA-256 of the module's sections other than custom ones); in a {@link CodeCache} entry, those
 *              sections themselves ({@link AotKey#moduleBytes}), so that a look-up compares bytes, not hashes
 * payloadCrc   u32     CRC-32C of the rest (catches a damaged payload; what stored classes may do is checked
 *              when they are loaded, not here, since anyone who edits a payload can fix any unkeyed hash too)
 * classPrefix  utf     prefix of the generated class names
 * functions    u32     number of functions (imported and defined), then one byte each: 1 = left to the interpreter
 * classes      u32     count, then per class: name (utf), length (u32), class file bytes
 * </pre>
 *
 * Reading checks the header against this SSVM, JDK, options and module, and every length against the data left;
 * anything else is a {@link Rejected} with the reason.
 */
final class AotFormat {
    /** The custom section's name. */
    static final String SECTION_NAME = "ssvm.aot";
    /** Bumped whenever the layout above changes. */
    static final int FORMAT_VERSION = 2;
    private static final int MAGIC = 0x5353564D; // "SSVM"

    private AotFormat() {
    }

    /** What the section stores: enough to define the classes and rebuild the plan. */
    record Image(String classPrefix, boolean[] fallback, Map<String, byte[]> classes) {
    }

    /** A section that cannot be used, with why. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    static byte[] write(int maxCallDepth, byte[] moduleKey, Image image) {
        return write(AotKey.config(maxCallDepth), moduleKey, image);
    }

    /** Code compiled under the options {@code config} ({@link AotKey#config}). */
    static byte[] write(String config, byte[] moduleKey, Image image) {
        return write(AotKey.ssvmVersion(), AotKey.jdkFeature(), config, moduleKey, image);
    }

    /** A section with the given header fields (tests write stale ones). */
    static byte[] write(String ssvmVersion, int jdkFeature, String config, byte[] moduleKey, Image image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(ssvmVersion);
            out.writeInt(jdkFeature);
            out.writeUTF(config);
            out.writeInt(moduleKey.length);
            out.write(moduleKey);
            byte[] payload = payload(image);
            out.writeInt(crc32c(payload, 0));
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        return bytes.toByteArray();
    }

    private static byte[] payload(Image image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(image.classPrefix());
            out.writeInt(image.fallback().length);
            for (boolean f : image.fallback()) {
                out.writeByte(f ? 1 : 0);
            }
            out.writeInt(image.classes().size());
            for (var c : new java.util.TreeMap<>(image.classes()).entrySet()) { // sorted: same input, same file
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().length);
                out.write(c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a section and checks its header; {@code moduleKey} is computed only once the versions match (it
     * costs an encoding of the module).
     */
    static Image read(byte[] data, int maxCallDepth, java.util.function.Supplier<byte[]> moduleKey)
            throws Rejected {
        return read(data, AotKey.config(maxCallDepth), moduleKey);
    }

    /** Reads stored code that must have been compiled under the options {@code expectedConfig}. */
    static Image read(byte[] data, String expectedConfig, java.util.function.Supplier<byte[]> moduleKey)
            throws Rejected {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        try {
            if (in.readInt() != MAGIC) {
                throw new Rejected("not an SSVM AOT section");
            }
            int format = in.readInt();
            if (format != FORMAT_VERSION) {
                throw new Rejected("format version " + format + ", expected " + FORMAT_VERSION);
            }
            String version = in.readUTF();
            if (!version.equals(AotKey.ssvmVersion())) {
                throw new Rejected("compiled by SSVM " + version + ", this is " + AotKey.ssvmVersion());
            }
            int jdk = in.readInt();
            if (jdk != AotKey.jdkFeature()) {
                throw new Rejected("compiled for JDK " + jdk + ", running on " + AotKey.jdkFeature());
            }
            String config = in.readUTF();
            if (!config.equals(expectedConfig)) {
                throw new Rejected("compiled with options " + config + ", running with " + expectedConfig);
            }
            byte[] key = in.readNBytes(count(in));
            if (!Arrays.equals(key, moduleKey.get())) {
                throw new Rejected("module mismatch: the module was changed after compiling");
            }
            int payloadCrc = in.readInt();
            if (payloadCrc != crc32c(data, data.length - in.available())) {
                throw new Rejected("payload checksum mismatch: the section is damaged");
            }
            String prefix = in.readUTF();
            boolean[] fallback = new boolean[count(in)];
            for (int i = 0; i < fallback.length; i++) {
                fallback[i] = in.readByte() != 0;
            }
            int classCount = count(in);
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < classCount; i++) {
                String name = in.readUTF();
                byte[] bytes = in.readNBytes(count(in));
                if (classes.put(name, bytes) != null) {
                    throw new Rejected("class " + name + " stored twice");
                }
            }
            if (in.available() != 0) {
                throw new Rejected("trailing bytes after the classes");
            }
            return new Image(prefix, fallback, classes);
        } catch (EOFException e) {
            throw new Rejected("truncated section");
        } catch (IOException e) {
            throw new Rejected("unreadable section: " + e.getMessage());
        }
    }

    /** CRC-32C of {@code data} from index {@code from} on (also what names code cache entries). */
    static int crc32c(byte[] data, int from) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(data, from, data.length - from);
        return (int) crc.getValue();
    }

    /** A count or length, which cannot exceed the bytes left (each item takes one byte at least). */
    private static int count(DataInputStream in) throws IOException, Rejected {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new Rejected("truncated section");
        }
        return n;
    }
}

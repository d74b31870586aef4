package org.ssvm.binary;

/** Builds small module binaries for tests: header plus sections with computed sizes. */
final class TestBinaries {
    private final ByteWriter out = new ByteWriter().bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});

    static TestBinaries module() {
        return new TestBinaries();
    }

    /** Appends a section with the given id and content (size computed). */
    TestBinaries section(int id, int... content) {
        return section(id, bytes(content));
    }

    TestBinaries section(int id, byte[] content) {
        out.u8(id).u32(content.length).bytes(content);
        return this;
    }

    /** Appends a custom section. */
    TestBinaries custom(String name, int... content) {
        ByteWriter w = new ByteWriter().name(name).bytes(bytes(content));
        return section(0, w.toByteArray());
    }

    /** Appends raw bytes (for deliberately broken sections). */
    TestBinaries raw(int... bytes) {
        out.bytes(bytes(bytes));
        return this;
    }

    /** Type section with one type () -> (). */
    TestBinaries voidType() {
        return section(1, 0x01, 0x60, 0x00, 0x00);
    }

    /** Function section declaring {@code n} functions of type 0. */
    TestBinaries functions(int n) {
        ByteWriter w = new ByteWriter().u32(n);
        for (int i = 0; i < n; i++) {
            w.u8(0);
        }
        return section(3, w.toByteArray());
    }

    /** Code section with one body: no locals, then {@code code} (which must include the final end). */
    TestBinaries body(int... code) {
        ByteWriter f = new ByteWriter().u8(0).bytes(bytes(code));
        ByteWriter w = new ByteWriter().u32(1).u32(f.size()).bytes(f.toByteArray());
        return section(10, w.toByteArray());
    }

    byte[] build() {
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}

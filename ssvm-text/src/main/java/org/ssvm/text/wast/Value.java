package org.ssvm.text.wast;

import org.ssvm.model.ValType;

/**
 * A concrete value written in a script: an argument of {@code invoke} or an exact expected result. Numbers are
 * kept as raw bits so that NaN payloads and negative zero survive.
 */
public sealed interface Value {
    /** The value's WebAssembly type. */
    ValType type();

    /** {@code (i32.const n)}. */
    record I32(int bits) implements Value {
        public ValType type() { return ValType.I32; }
    }

    /** {@code (i64.const n)}. */
    record I64(long bits) implements Value {
        public ValType type() { return ValType.I64; }
    }

    /** {@code (f32.const x)} as its IEEE-754 bits. */
    record F32(int bits) implements Value {
        public ValType type() { return ValType.F32; }
    }

    /** {@code (f64.const x)} as its IEEE-754 bits. */
    record F64(long bits) implements Value {
        public ValType type() { return ValType.F64; }
    }

    /**
     * {@code (v128.const shape lanes...)}: the 16 bytes as two little-endian longs; {@code lo} holds bytes 0-7
     * (lane 0 in its low bits), {@code hi} bytes 8-15.
     */
    record V128(long lo, long hi) implements Value {
        public ValType type() { return ValType.V128; }
    }

    /** {@code (ref.null func)} or {@code (ref.null extern)}; {@code type} is FUNCREF or EXTERNREF. */
    record RefNull(ValType type) implements Value {
    }

    /** {@code (ref.extern n)}: an opaque host reference identified by {@code n}. */
    record RefExtern(long id) implements Value {
        public ValType type() { return ValType.EXTERNREF; }
    }

    /** {@code (ref.func n)}: a reference to function {@code n} (rare in scripts). */
    record RefFunc(long index) implements Value {
        public ValType type() { return ValType.FUNCREF; }
    }
}

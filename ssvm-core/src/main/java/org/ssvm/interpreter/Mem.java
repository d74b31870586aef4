package org.ssvm.interpreter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.ssvm.runtime.Memory;

/**
 * Bounds-checked little-endian access to a memory's backing array, as tiny static methods that the JIT
 * inlines into the dispatch loop. {@code a} is the effective address (unsigned base plus offset).
 */
final class Mem {
    private Mem() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Effective address: the unsigned 32-bit base plus the unsigned 32-bit static offset. */
    static long ea(long base, int offset) {
        return (base & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
    }

    static byte i8(byte[] m, long a) {
        if (a >= m.length) {
            throw Memory.outOfBounds();
        }
        return m[(int) a];
    }

    static short i16(byte[] m, long a) {
        if (a > m.length - 2) {
            throw Memory.outOfBounds();
        }
        return (short) SHORT.get(m, (int) a);
    }

    static int i32(byte[] m, long a) {
        if (a > m.length - 4) {
            throw Memory.outOfBounds();
        }
        return (int) INT.get(m, (int) a);
    }

    static long i64(byte[] m, long a) {
        if (a > m.length - 8) {
            throw Memory.outOfBounds();
        }
        return (long) LONG.get(m, (int) a);
    }

    static void i8(byte[] m, long a, long v) {
        if (a >= m.length) {
            throw Memory.outOfBounds();
        }
        m[(int) a] = (byte) v;
    }

    static void i16(byte[] m, long a, long v) {
        if (a > m.length - 2) {
            throw Memory.outOfBounds();
        }
        SHORT.set(m, (int) a, (short) v);
    }

    static void i32(byte[] m, long a, long v) {
        if (a > m.length - 4) {
            throw Memory.outOfBounds();
        }
        INT.set(m, (int) a, (int) v);
    }

    static void i64(byte[] m, long a, long v) {
        if (a > m.length - 8) {
            throw Memory.outOfBounds();
        }
        LONG.set(m, (int) a, v);
    }
}

package org.ssvm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.ssvm.TrapException;
import org.ssvm.model.MemoryType;

/**
 * A linear memory instance, backed by a heap {@code byte[]} accessed through little-endian VarHandles.
 *
 * <p>Addresses are unsigned 32-bit values passed as {@code long}; every accessor checks bounds and traps with
 * "out of bounds memory access". A heap array limits a memory to {@link #MAX_PAGES} pages (2 GiB - 64 KiB);
 * growing past that fails the way the spec allows, by returning -1.
 */
public final class Memory {
    public static final int PAGE_SIZE = MemoryType.PAGE_SIZE;
    /** The most pages a byte[]-backed memory can hold. */
    public static final int MAX_PAGES = Integer.MAX_VALUE / PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryType type;
    private final long maxPages;
    private byte[] bytes;

    /** Creates a memory of {@code type.limits().min()} pages, which must not exceed {@link #MAX_PAGES}. */
    public Memory(MemoryType type) {
        this(type, MAX_PAGES);
    }

    /**
     * Creates a memory whose growth is further capped at {@code pageLimit} pages (a resource limit set by the
     * embedder, independent of the declared maximum).
     */
    public Memory(MemoryType type, long pageLimit) {
        long declaredMax = type.limits().hasMax() ? type.limits().max() : MemoryType.MAX_PAGES_32;
        this.type = type;
        this.maxPages = Math.min(Math.min(declaredMax, pageLimit), MAX_PAGES);
        long min = type.limits().min();
        if (min > maxPages) {
            throw new TrapException("memory size " + min + " pages exceeds the limit of " + maxPages + " pages");
        }
        this.bytes = new byte[(int) min * PAGE_SIZE];
    }

    public MemoryType type() { return type; }

    /** Current size in pages. */
    public int pages() { return bytes.length / PAGE_SIZE; }

    /** Current size in bytes. */
    public int byteSize() { return bytes.length; }

    /**
     * The backing array. Engines cache it for speed and must re-read it after any call that may grow memory.
     */
    public byte[] array() { return bytes; }

    /** Grows by {@code deltaPages}; returns the old size in pages, or -1 when the memory cannot grow that far. */
    public int grow(long deltaPages) {
        int old = pages();
        if (deltaPages < 0 || deltaPages > maxPages - old) {
            return -1;
        }
        if (deltaPages > 0) {
            try {
                bytes = Arrays.copyOf(bytes, (int) ((old + deltaPages) * PAGE_SIZE));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return old;
    }

    // ---- bounds-checked accessors; addr is the effective address (unsigned base + offset) ----

    public byte loadByte(long addr) { return bytes[index(addr, 1)]; }

    public short loadShort(long addr) { return (short) SHORT.get(bytes, index(addr, 2)); }

    public int loadInt(long addr) { return (int) INT.get(bytes, index(addr, 4)); }

    public long loadLong(long addr) { return (long) LONG.get(bytes, index(addr, 8)); }

    public void storeByte(long addr, byte v) { bytes[index(addr, 1)] = v; }

    public void storeShort(long addr, short v) { SHORT.set(bytes, index(addr, 2), v); }

    public void storeInt(long addr, int v) { INT.set(bytes, index(addr, 4), v); }

    public void storeLong(long addr, long v) { LONG.set(bytes, index(addr, 8), v); }

    /** Copies {@code len} bytes out of memory. */
    public void read(long addr, byte[] dst, int dstOffset, int len) {
        System.arraycopy(bytes, index(addr, len), dst, dstOffset, len);
    }

    /** Copies {@code len} bytes into memory. */
    public void write(long addr, byte[] src, int srcOffset, int len) {
        System.arraycopy(src, srcOffset, bytes, index(addr, len), len);
    }

    /** Fills {@code len} bytes with {@code value}, trapping before any write if the range is out of bounds. */
    public void fill(long addr, byte value, long len) {
        int start = index(addr, len);
        Arrays.fill(bytes, start, start + (int) len, value);
    }

    /** Copies within memory (ranges may overlap), trapping before any write if either range is out of bounds. */
    public void copy(long dst, long src, long len) {
        int d = index(dst, len);
        int s = index(src, len);
        System.arraycopy(bytes, s, bytes, d, (int) len);
    }

    /** Checks that {@code [addr, addr+len)} lies in memory and returns addr as an array index. */
    private int index(long addr, long len) {
        if (addr < 0 || len < 0 || addr + len > bytes.length) {
            throw outOfBounds();
        }
        return (int) addr;
    }

    /** The trap for any out-of-bounds memory access. */
    public static TrapException outOfBounds() {
        return new TrapException("out of bounds memory access");
    }
}

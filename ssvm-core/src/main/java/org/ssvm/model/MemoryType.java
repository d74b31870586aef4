package org.ssvm.model;

/**
 * The type of a linear memory.
 *
 * @param limits size limits in 64 KiB pages
 * @param shared whether the memory is shared between threads (threads proposal)
 * @param is64   whether addresses are i64 (memory64 proposal)
 */
public record MemoryType(Limits limits, boolean shared, boolean is64) {
    public static final int PAGE_SIZE = 65536;
    /** The largest number of pages a 32-bit memory may declare. */
    public static final long MAX_PAGES_32 = 65536;

    public MemoryType(Limits limits) { this(limits, false, false); }
}

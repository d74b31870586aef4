package org.ssvm.model;

/** How an element or data segment is used. */
public enum SegmentMode {
    /** Copied into a table or memory at instantiation, then dropped. */
    ACTIVE,
    /** Kept for {@code table.init} / {@code memory.init}. */
    PASSIVE,
    /** Element segments only: declares functions referenceable by {@code ref.func}; dropped at once. */
    DECLARATIVE
}

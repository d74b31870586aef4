package org.ssvm.model;

/**
 * A data segment.
 *
 * @param mode        active or passive
 * @param memoryIndex the target memory for active segments, else 0
 * @param offset      the offset expression for active segments, else null
 * @param bytes       the contents
 */
public record DataSegment(SegmentMode mode, int memoryIndex, Expr offset, byte[] bytes) {
}

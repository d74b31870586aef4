package org.ssvm.model;

import java.util.List;

/**
 * An element segment in normalized form: whatever binary or text form it came in, its elements are
 * constant expressions (a function index becomes {@code ref.func i}).
 *
 * @param mode        active, passive or declarative
 * @param tableIndex  the target table for active segments, else 0
 * @param offset      the offset expression for active segments, else null
 * @param type        the reference type of the elements
 * @param init        one constant expression per element
 */
public record ElementSegment(SegmentMode mode, int tableIndex, Expr offset, ValType type, List<Expr> init) {
}

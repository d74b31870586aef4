package org.ssvm;

/**
 * A 128-bit SIMD value as two 64-bit halves (lane 0 is in the low bits of {@code low}).
 *
 * @param low  bits 0..63
 * @param high bits 64..127
 */
public record V128(long low, long high) {
}

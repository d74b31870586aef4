/**
 * The interpreter engine. Each function body is pre-decoded once, on its first call, by {@code Compiler} into
 * a dense {@code int[]} code (renumbered ops, inline immediates, absolute branch targets with their stack
 * adjustment, fused common sequences) and then run by {@code Interpreter}'s dispatch loop over a {@code long[]}
 * value stack with a parallel {@code Object[]} for references.
 */
package org.ssvm.interpreter;

package org.ssvm.interpreter;

/**
 * A function body pre-decoded for the interpreter.
 *
 * @param code        dense ops ({@link Op}) with their immediates inline and branch targets resolved
 * @param paramSlots  stack slots taken by the parameters
 * @param localSlots  stack slots taken by parameters and declared locals (the operand stack starts there)
 * @param frameSlots  the most slots the frame ever uses (locals plus the highest operand stack)
 * @param resultSlots stack slots taken by the results, complemented ({@code ~n}) when a result is a reference
 * @param refLocals   whether some declared local is a reference (their slots must be cleared on entry)
 * @param memory      the instance's memory 0, or an empty stand-in, so the loop never tests for null
 * @param offsets     code positions back to body offsets, read only when a trap unwinds (for backtraces)
 */
record Compiled(int[] code, int paramSlots, int localSlots, int frameSlots, int resultSlots, boolean refLocals,
                org.ssvm.runtime.Memory memory, OffsetTable offsets) {
}

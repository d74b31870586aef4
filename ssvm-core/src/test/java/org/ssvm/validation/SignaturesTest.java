package org.ssvm.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ssvm.model.Opcode;

/** The validator relies on the opcode table being complete for every instruction it does not type by hand. */
class SignaturesTest {
    /** Instructions the validator types by hand (context-dependent types). */
    private static final Set<Opcode> HAND_TYPED = EnumSet.of(Opcode.UNREACHABLE, Opcode.NOP, Opcode.BLOCK,
            Opcode.LOOP, Opcode.IF, Opcode.ELSE, Opcode.END, Opcode.BR, Opcode.BR_IF, Opcode.BR_TABLE,
            Opcode.RETURN, Opcode.CALL, Opcode.CALL_INDIRECT, Opcode.DROP, Opcode.SELECT, Opcode.SELECT_T,
            Opcode.LOCAL_GET, Opcode.LOCAL_SET, Opcode.LOCAL_TEE, Opcode.GLOBAL_GET, Opcode.GLOBAL_SET,
            Opcode.TABLE_GET, Opcode.TABLE_SET, Opcode.TABLE_GROW, Opcode.TABLE_FILL, Opcode.REF_NULL,
            Opcode.REF_IS_NULL, Opcode.REF_FUNC);

    @Test
    void everyOtherInstructionHasASignature() {
        for (Opcode op : Opcode.values()) {
            if (!HAND_TYPED.contains(op)) {
                assertNotNull(Signatures.PARAMS[op.ordinal()], op.textName());
                assertNotNull(Signatures.RESULTS[op.ordinal()], op.textName());
            }
        }
        assertEquals(2, Signatures.PARAMS[Opcode.I32_ADD.ordinal()].length);
        assertEquals(ValueTypes.I32, Signatures.RESULTS[Opcode.I64_EQZ.ordinal()][0]);
    }

    @Test
    void memoryAndLaneInstructionsCarryTheirBounds() {
        for (Opcode op : Opcode.values()) {
            switch (op.immediate()) {
                case MEMARG -> assertTrue(op.naturalAlignment() >= 0, op.textName());
                case MEMARG_LANE -> assertTrue(op.naturalAlignment() >= 0 && op.laneCount() > 0, op.textName());
                case LANE -> assertTrue(op.laneCount() > 0, op.textName());
                default -> { }
            }
        }
    }
}

package org.ssvm.text.wabt;

import java.util.List;
import org.ssvm.binary.ByteWriter;
import org.ssvm.binary.CodeReader;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;

/**
 * The one legitimate encoding difference from wabt. A block type written as a type use, as in
 * {@code (block (type $t) ...)}, is encoded by us, as by the spec's reference interpreter, as the type
 * index. wabt instead writes the short form whenever the function type allows it: {@code 0x40} when the type
 * has no parameters and no results, the value type when it has no parameters and one result. Both decode to
 * the same instruction. This class rewrites such type indices to the short form.
 */
final class BlockTypes {
    private BlockTypes() {
    }

    /** Rewrites, in every body of {@code m}, each block type index that has a short form; returns how many. */
    static int normalize(Module m) {
        int changed = 0;
        List<FunctionBody> bodies = m.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            FunctionBody b = bodies.get(i);
            ByteWriter out = new ByteWriter();
            int copied = 0;
            int n = 0;
            CodeReader r = new CodeReader(b.code(), -1);
            while (r.hasMore()) {
                Opcode op = r.next();
                if (op.immediate() != Opcode.Immediate.BLOCKTYPE || r.blockTypeIndex() < 0
                        || r.blockTypeIndex() >= m.types().size()) {
                    continue;
                }
                FuncType t = m.types().get(r.blockTypeIndex());
                if (t.paramCount() != 0 || t.resultCount() > 1) {
                    continue;
                }
                int immediate = r.opcodePosition() + 1; // block, loop and if are one-byte opcodes
                out.bytes(b.code(), copied, immediate - copied);
                out.u8(t.resultCount() == 0 ? 0x40 : t.result(0).code());
                copied = r.position();
                n++;
            }
            if (n > 0) {
                out.bytes(b.code(), copied, b.code().length - copied);
                bodies.set(i, new FunctionBody(b.locals(), out.toByteArray(), b.codeOffset()));
                changed += n;
            }
        }
        return changed;
    }
}

package org.ssvm.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.api.Test;

/**
 * HotSpot does not JIT-compile methods over 8000 bytes of bytecode: the dispatch loop must stay below. It must
 * stay well below: C2 stops inlining into a method once it and its inlined callees reach 8000 bytes
 * (DesiredMethodLimit), and each memory helper a kernel runs hot inlines some 250 bytes of VarHandle code.
 */
class DispatchSizeTest {
    /** Leaves room for the memory helpers of about four hot loads and stores (see Op's numbering). */
    private static final int RUN_LIMIT = 7000;

    @Test
    void runMethodIsSmallEnoughToCompile() throws Exception {
        byte[] bytes;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        int checked = 0;
        for (MethodModel m : model.methods()) {
            int size = m.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength)
                    .orElse(0);
            assertTrue(size < 8000, m.methodName() + " has " + size + " bytes of bytecode");
            if (m.methodName().equalsString("run")) {
                checked++;
                assertTrue(size > 1000, "run looks too small to be the dispatch loop: " + size);
                assertTrue(size < RUN_LIMIT, "run has " + size + " bytes of bytecode: too little inlining room");
            }
        }
        assertTrue(checked == 1, "the dispatch method run was not found");
    }

    @Test
    void rareInstructionHelpersAreSmallEnoughToCompile() throws Exception {
        byte[] bytes;
        try (InputStream in = Rare.class.getResourceAsStream("Rare.class")) {
            bytes = in.readAllBytes();
        }
        for (MethodModel m : ClassFile.of().parse(bytes).methods()) {
            int size = m.findAttribute(java.lang.classfile.Attributes.code()).map(CodeAttribute::codeLength)
                    .orElse(0);
            assertTrue(size < 8000, m.methodName() + " has " + size + " bytes of bytecode");
        }
    }
}

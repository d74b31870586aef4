package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ssvm.model.CustomSection;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.Module;

/** Structural equality of modules (records holding byte arrays need element-wise comparison). */
final class ModuleAssert {
    private ModuleAssert() {
    }

    /** Asserts the modules are equal, ignoring where function bodies sat in their files. */
    static void assertModulesEqual(Module expected, Module actual) {
        assertEquals(expected.types(), actual.types(), "types");
        assertEquals(expected.imports(), actual.imports(), "imports");
        assertEquals(expected.functions(), actual.functions(), "functions");
        assertEquals(expected.tables(), actual.tables(), "tables");
        assertEquals(expected.memories(), actual.memories(), "memories");
        assertEquals(expected.globals().size(), actual.globals().size(), "global count");
        for (int i = 0; i < expected.globals().size(); i++) {
            Global e = expected.globals().get(i);
            Global a = actual.globals().get(i);
            assertEquals(e.type(), a.type(), "global type " + i);
            assertArrayEquals(e.init().code(), a.init().code(), "global init " + i);
        }
        assertEquals(expected.exports(), actual.exports(), "exports");
        assertEquals(expected.start(), actual.start(), "start");
        assertEquals(expected.elements().size(), actual.elements().size(), "element count");
        for (int i = 0; i < expected.elements().size(); i++) {
            ElementSegment e = expected.elements().get(i);
            ElementSegment a = actual.elements().get(i);
            assertEquals(e.mode(), a.mode(), "elem mode " + i);
            assertEquals(e.tableIndex(), a.tableIndex(), "elem table " + i);
            assertEquals(e.type(), a.type(), "elem type " + i);
            assertEquals(e.offset() == null, a.offset() == null, "elem offset " + i);
            if (e.offset() != null) {
                assertArrayEquals(e.offset().code(), a.offset().code(), "elem offset " + i);
            }
            assertEquals(e.init().size(), a.init().size(), "elem size " + i);
            for (int k = 0; k < e.init().size(); k++) {
                assertArrayEquals(e.init().get(k).code(), a.init().get(k).code(), "elem " + i + " item " + k);
            }
        }
        assertEquals(expected.dataCount(), actual.dataCount(), "data count");
        assertEquals(expected.bodies().size(), actual.bodies().size(), "body count");
        for (int i = 0; i < expected.bodies().size(); i++) {
            FunctionBody e = expected.bodies().get(i);
            FunctionBody a = actual.bodies().get(i);
            assertArrayEquals(e.locals(), a.locals(), "locals " + i);
            assertArrayEquals(e.code(), a.code(), "code " + i);
        }
        assertEquals(expected.data().size(), actual.data().size(), "data count");
        for (int i = 0; i < expected.data().size(); i++) {
            DataSegment e = expected.data().get(i);
            DataSegment a = actual.data().get(i);
            assertEquals(e.mode(), a.mode(), "data mode " + i);
            assertEquals(e.memoryIndex(), a.memoryIndex(), "data memory " + i);
            assertEquals(e.offset() == null, a.offset() == null, "data offset " + i);
            if (e.offset() != null) {
                assertArrayEquals(e.offset().code(), a.offset().code(), "data offset " + i);
            }
            assertArrayEquals(e.bytes(), a.bytes(), "data bytes " + i);
        }
        assertEquals(expected.customSections().size(), actual.customSections().size(), "custom sections");
        for (int i = 0; i < expected.customSections().size(); i++) {
            CustomSection e = expected.customSections().get(i);
            CustomSection a = actual.customSections().get(i);
            assertEquals(e.name(), a.name(), "custom name " + i);
            assertArrayEquals(e.data(), a.data(), "custom data " + i);
        }
        assertEquals(expected.names().moduleName(), actual.names().moduleName(), "module name");
        assertEquals(expected.names().functionNames(), actual.names().functionNames(), "function names");
        assertEquals(expected.names().localNames(), actual.names().localNames(), "local names");
    }
}

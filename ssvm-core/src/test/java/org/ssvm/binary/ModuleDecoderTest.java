package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.binary.TestBinaries.bytes;
import static org.ssvm.binary.TestBinaries.module;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.Expr;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

class ModuleDecoderTest {
    private static final ValType I32 = ValType.I32;

    static DecodeException malformed(byte[] binary, String category) {
        DecodeException e = assertThrows(DecodeException.class, () -> ModuleDecoder.decode(binary));
        assertTrue(e.getMessage().startsWith(category), "expected \"" + category + "\" but got \"" + e.getMessage() + "\"");
        return e;
    }

    // ---- well-formed sections ----

    @Test
    void emptyModule() {
        Module m = ModuleDecoder.decode(module().build());
        assertTrue(m.types().isEmpty());
        assertNull(m.start());
        assertNull(m.dataCount());
    }

    @Test
    void typeSection() {
        Module m = ModuleDecoder.decode(module()
                .section(1, 0x02, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D, 0x60, 0x00, 0x03, 0x7C, 0x7B, 0x70).build());
        assertEquals(List.of(
                FuncType.of(new ValType[] {I32, ValType.I64}, ValType.F32),
                FuncType.of(new ValType[0], ValType.F64, ValType.V128, ValType.FUNCREF)), m.types());
    }

    @Test
    void importSectionAllKinds() {
        ByteWriter w = new ByteWriter().u32(4);
        w.name("m").name("f").u8(0).u32(0);
        w.name("m").name("t").u8(1).u8(0x6F).u8(1).u32(1).u32(10);
        w.name("m").name("mem").u8(2).u8(0).u32(2);
        w.name("m").name("g").u8(3).u8(0x7E).u8(1);
        Module m = ModuleDecoder.decode(module().voidType().section(2, w.toByteArray()).build());
        assertEquals(List.of(
                new Import("m", "f", new ImportDesc.Func(0)),
                new Import("m", "t", new ImportDesc.Table(new TableType(ValType.EXTERNREF, Limits.of(1, 10)))),
                new Import("m", "mem", new ImportDesc.Memory(new MemoryType(Limits.of(2)))),
                new Import("m", "g", new ImportDesc.Global(new GlobalType(ValType.I64, true)))), m.imports());
        assertEquals(4, m.functionCount() + m.tableCount() + m.memoryCount() + m.globalCount());
    }

    @Test
    void functionsAndCodeWithLocals() {
        // body: 2 local groups (2 x i32, 1 x f64), then i32.const 7, drop, end
        ByteWriter f = new ByteWriter().u32(2).u32(2).u8(0x7F).u32(1).u8(0x7C).bytes(bytes(0x41, 0x07, 0x1A, 0x0B));
        ByteWriter code = new ByteWriter().u32(1).u32(f.size()).bytes(f.toByteArray());
        byte[] binary = module().voidType().functions(1).section(10, code.toByteArray()).build();
        Module m = ModuleDecoder.decode(binary);
        assertEquals(List.of(0), m.functions());
        FunctionBody body = m.bodies().getFirst();
        assertArrayEquals(new ValType[] {I32, I32, ValType.F64}, body.locals());
        assertArrayEquals(bytes(0x41, 0x07, 0x1A, 0x0B), body.code());
        // The code offset points at the first instruction byte in the file.
        assertEquals(0x41, binary[body.codeOffset()] & 0xFF);
        assertEquals(binary.length - 4, body.codeOffset());
    }

    @Test
    void tableMemoryGlobalExportStart() {
        byte[] binary = module().voidType().functions(1)
                .section(4, 0x01, 0x70, 0x00, 0x05)
                .section(5, 0x01, 0x01, 0x01, 0x80, 0x80, 0x04)
                .section(6, 0x02, 0x7F, 0x00, 0x41, 0x2A, 0x0B, 0x7D, 0x01, 0x43, 0, 0, 0x80, 0x3F, 0x0B)
                .section(7, 0x02, 0x01, 'f', 0x00, 0x00, 0x03, 'm', 'e', 'm', 0x02, 0x00)
                .section(8, 0x00)
                .body(0x0B).build();
        Module m = ModuleDecoder.decode(binary);
        assertEquals(List.of(new TableType(ValType.FUNCREF, Limits.of(5))), m.tables());
        assertEquals(List.of(new MemoryType(Limits.of(1, 65536))), m.memories());
        assertEquals(new GlobalType(I32, false), m.globals().get(0).type());
        assertArrayEquals(bytes(0x41, 0x2A, 0x0B), m.globals().get(0).init().code());
        assertEquals(new GlobalType(ValType.F32, true), m.globals().get(1).type());
        assertArrayEquals(bytes(0x43, 0, 0, 0x80, 0x3F, 0x0B), m.globals().get(1).init().code());
        assertEquals(List.of(new Export("f", ExternKind.FUNC, 0), new Export("mem", ExternKind.MEMORY, 0)),
                m.exports());
        assertEquals(0, m.start());
    }

    @Test
    void elementSegmentsAllEightEncodings() {
        ByteWriter w = new ByteWriter().u32(8);
        w.u32(0).bytes(bytes(0x41, 0x01, 0x0B)).u32(2).u32(0).u32(1);           // active table 0, indices
        w.u32(1).u8(0x00).u32(1).u32(1);                                      // passive, elemkind, indices
        w.u32(2).u32(1).bytes(bytes(0x41, 0x02, 0x0B)).u8(0x00).u32(1).u32(0); // active table 1, indices
        w.u32(3).u8(0x00).u32(1).u32(0);                                      // declarative, indices
        w.u32(4).bytes(bytes(0x41, 0x03, 0x0B)).u32(2).bytes(bytes(0xD2, 0x00, 0x0B))
                .bytes(bytes(0xD0, 0x70, 0x0B));                              // active table 0, exprs
        w.u32(5).u8(0x6F).u32(1).bytes(bytes(0xD0, 0x6F, 0x0B));              // passive, reftype, exprs
        w.u32(6).u32(1).bytes(bytes(0x41, 0x04, 0x0B)).u8(0x70).u32(1)
                .bytes(bytes(0xD2, 0x01, 0x0B));                              // active table 1, exprs
        w.u32(7).u8(0x70).u32(1).bytes(bytes(0xD2, 0x01, 0x0B));              // declarative, exprs
        byte[] binary = module().voidType().functions(2)
                .section(4, 0x02, 0x70, 0x00, 0x01, 0x70, 0x00, 0x01)
                .section(9, w.toByteArray())
                .section(10, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B).build();
        List<ElementSegment> e = ModuleDecoder.decode(binary).elements();
        assertEquals(8, e.size());
        assertSegment(e.get(0), SegmentMode.ACTIVE, 0, ValType.FUNCREF, 1, Expr.refFunc(0), Expr.refFunc(1));
        assertSegment(e.get(1), SegmentMode.PASSIVE, 0, ValType.FUNCREF, -1, Expr.refFunc(1));
        assertSegment(e.get(2), SegmentMode.ACTIVE, 1, ValType.FUNCREF, 2, Expr.refFunc(0));
        assertSegment(e.get(3), SegmentMode.DECLARATIVE, 0, ValType.FUNCREF, -1, Expr.refFunc(0));
        assertSegment(e.get(4), SegmentMode.ACTIVE, 0, ValType.FUNCREF, 3, Expr.refFunc(0),
                Expr.refNull(ValType.FUNCREF));
        assertSegment(e.get(5), SegmentMode.PASSIVE, 0, ValType.EXTERNREF, -1, Expr.refNull(ValType.EXTERNREF));
        assertSegment(e.get(6), SegmentMode.ACTIVE, 1, ValType.FUNCREF, 4, Expr.refFunc(1));
        assertSegment(e.get(7), SegmentMode.DECLARATIVE, 0, ValType.FUNCREF, -1, Expr.refFunc(1));
    }

    private static void assertSegment(ElementSegment s, SegmentMode mode, int table, ValType type, int offset,
                                      Expr... init) {
        assertEquals(mode, s.mode());
        assertEquals(table, s.tableIndex());
        assertEquals(type, s.type());
        if (offset < 0) {
            assertNull(s.offset());
        } else {
            assertArrayEquals(Expr.i32Const(offset).code(), s.offset().code());
        }
        assertEquals(init.length, s.init().size());
        for (int i = 0; i < init.length; i++) {
            assertArrayEquals(init[i].code(), s.init().get(i).code());
        }
    }

    @Test
    void dataCountAndDataSegmentsAllThreeForms() {
        ByteWriter w = new ByteWriter().u32(3);
        w.u32(0).bytes(bytes(0x41, 0x10, 0x0B)).u32(2).u8('h').u8('i');
        w.u32(1).u32(1).u8('x');
        w.u32(2).u32(1).bytes(bytes(0x41, 0x00, 0x0B)).u32(0);
        byte[] binary = module().voidType().functions(1)
                .section(5, 0x01, 0x00, 0x01)
                .section(12, 0x03)
                .body(0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x01, 0x00, 0xFC, 0x09, 0x01, 0x0B)
                .section(11, w.toByteArray()).build();
        Module m = ModuleDecoder.decode(binary);
        assertEquals(3, m.dataCount());
        List<DataSegment> d = m.data();
        assertEquals(SegmentMode.ACTIVE, d.get(0).mode());
        assertEquals(0, d.get(0).memoryIndex());
        assertArrayEquals(bytes(0x41, 0x10, 0x0B), d.get(0).offset().code());
        assertArrayEquals(bytes('h', 'i'), d.get(0).bytes());
        assertEquals(SegmentMode.PASSIVE, d.get(1).mode());
        assertNull(d.get(1).offset());
        assertArrayEquals(bytes('x'), d.get(1).bytes());
        assertEquals(SegmentMode.ACTIVE, d.get(2).mode());
        assertEquals(1, d.get(2).memoryIndex());
        assertEquals(0, d.get(2).bytes().length);
    }

    @Test
    void customSectionsAnywhereAreKept() {
        byte[] binary = module().custom("a", 1, 2).voidType().custom("b").functions(1).body(0x0B)
                .custom("c", 3).build();
        Module m = ModuleDecoder.decode(binary);
        assertEquals(3, m.customSections().size());
        assertEquals("a", m.customSections().get(0).name());
        assertArrayEquals(bytes(1, 2), m.customSections().get(0).data());
        assertEquals("b", m.customSections().get(1).name());
        assertArrayEquals(bytes(3), m.customSections().get(2).data());
    }

    @Test
    void nameSectionIsParsed() {
        ByteWriter names = new ByteWriter();
        ByteWriter sub = new ByteWriter().name("mod");
        names.u8(0).u32(sub.size()).bytes(sub.toByteArray());
        sub = new ByteWriter().u32(1).u32(0).name("main");
        names.u8(1).u32(sub.size()).bytes(sub.toByteArray());
        sub = new ByteWriter().u32(1).u32(0).u32(2).u32(0).name("x").u32(1).name("y");
        names.u8(2).u32(sub.size()).bytes(sub.toByteArray());
        names.u8(7).u32(2).u8(0xFF).u8(0xFF); // unknown subsection, skipped
        ByteWriter section = new ByteWriter().name("name").bytes(names.toByteArray());
        Module m = ModuleDecoder.decode(module().voidType().functions(1).body(0x0B)
                .section(0, section.toByteArray()).build());
        assertEquals("mod", m.names().moduleName());
        assertEquals(Map.of(0, "main"), m.names().functionNames());
        assertEquals(Map.of(0, Map.of(0, "x", 1, "y")), m.names().localNames());
        assertEquals("name", m.customSections().getFirst().name());
    }

    @Test
    void malformedNameSectionIsIgnored() {
        // function names subsection claims 5 entries but holds one, then invalid UTF-8 in another
        ByteWriter names = new ByteWriter();
        ByteWriter sub = new ByteWriter().u32(5).u32(0).name("main");
        names.u8(1).u32(sub.size()).bytes(sub.toByteArray());
        Module m = ModuleDecoder.decode(module().custom("name", names.toByteArray().length == 0 ? new int[0]
                : toInts(names.toByteArray())).build());
        assertTrue(m.names().functionNames().isEmpty());
        assertEquals(1, m.customSections().size());
        Module m2 = ModuleDecoder.decode(module().custom("name", 0x00, 0x02, 0x01, 0xFF).build());
        assertNull(m2.names().moduleName());
        Module m3 = ModuleDecoder.decode(module().custom("name", 0x01, 0x7F).build());
        assertTrue(m3.names().functionNames().isEmpty());
    }

    private static int[] toInts(byte[] b) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] & 0xFF;
        }
        return r;
    }

    @Test
    void nonMinimalLebEncodingsAreAccepted() {
        // type count 1 written in 5 bytes; i32.const 0 written in 5 bytes
        Module m = ModuleDecoder.decode(module().section(1, 0x81, 0x80, 0x80, 0x80, 0x00, 0x60, 0x00, 0x00)
                .functions(1).body(0x41, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1A, 0x0B).build());
        assertEquals(1, m.types().size());
    }

    @Test
    void structuredControlNestsInsideBodies() {
        // block (if (else) end) end, loop end, end
        Module m = ModuleDecoder.decode(module().voidType().functions(1)
                .body(0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x03, 0x7F, 0x41, 0x00, 0x0B, 0x1A, 0x0B)
                .build());
        assertEquals(16, m.bodies().getFirst().code().length);
    }

    // ---- malformed ----

    @Test
    void headerErrors() {
        malformed(bytes(), "unexpected end");
        malformed(bytes(0x00, 'a', 's'), "unexpected end");
        malformed(bytes(0x00, 'a', 's', 'm'), "unexpected end");
        malformed(bytes(0x00, 'a', 's', 'm', 1, 0, 0), "unexpected end");
        malformed(bytes(0x00, 'A', 'S', 'M', 1, 0, 0, 0), "magic header not detected");
        malformed(bytes(0x00, 'a', 's', 'm', 2, 0, 0, 0), "unknown binary version");
    }

    @Test
    void sectionFramingErrors() {
        malformed(module().raw(0x0D, 0x00).build(), "malformed section id");
        malformed(module().raw(0x80, 0x00).build(), "malformed section id");
        malformed(module().raw(0x01, 0x05, 0x00).build(), "length out of bounds");
        malformed(module().raw(0x01, 0x02, 0x00, 0x00).build(), "section size mismatch");
        malformed(module().raw(0x01, 0x01, 0x01, 0x60).build(), "unexpected end");
        malformed(module().raw(0x01, 0x01, 0x01).build(), "unexpected end of section or function");
        // out of order and duplicated sections
        malformed(module().functions(0).voidType().build(), "unexpected content after last section");
        malformed(module().voidType().voidType().build(), "unexpected content after last section");
        malformed(module().section(11, 0x00).section(12, 0x00).build(), "unexpected content after last section");
        // custom section whose name runs past the declared size
        malformed(module().raw(0x00, 0x01, 0x05, 'h', 'e', 'l', 'l', 'o').build(), "unexpected end");
    }

    @Test
    void lebErrors() {
        malformed(module().section(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).build(), "integer representation too long");
        malformed(module().section(1, 0x80, 0x80, 0x80, 0x80, 0x10).build(), "integer too large");
        malformed(module().voidType().functions(1).body(0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x1A, 0x0B).build(),
                "integer too large");
        malformed(module().voidType().functions(1).body(0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x4F, 0x1A, 0x0B).build(),
                "integer too large");
        malformed(module().voidType().functions(1).body(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x80, 0x02, 0x1A, 0x0B).build(), "integer too large");
        malformed(module().voidType().functions(1).body(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x80, 0x80, 0x00, 0x1A, 0x0B).build(), "integer representation too long");
        malformed(module().section(5, 0x01, 0x02, 0x00).build(), "integer too large");
        malformed(module().section(5, 0x01, 0x81, 0x00, 0x00).build(), "integer representation too long");
    }

    @Test
    void typeAndValueErrors() {
        malformed(module().section(1, 0x01, 0x61, 0x00, 0x00).build(), "malformed function type");
        malformed(module().section(1, 0x01, 0x60, 0x01, 0x7A, 0x00).build(), "malformed value type");
        malformed(module().section(4, 0x01, 0x7F, 0x00, 0x00).build(), "malformed reference type");
        malformed(module().section(6, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B).build(), "malformed mutability");
        malformed(module().section(2, 0x01, 0x00, 0x00, 0x04, 0x00).build(), "malformed import kind");
        malformed(module().section(7, 0x01, 0x00, 0x04, 0x00).build(), "malformed export kind");
        malformed(module().section(2, 0x01, 0x01, 0xFF, 0x00, 0x00, 0x00).build(), "malformed UTF-8 encoding");
        malformed(module().section(2, 0x01, 0x02, 0xED, 0xA0, 0x00, 0x00, 0x00).build(), "malformed UTF-8 encoding");
        malformed(module().raw(0x00, 0x03, 0x02, 0xC0, 0x80).build(), "malformed UTF-8 encoding");
    }

    @Test
    void segmentErrors() {
        malformed(module().section(9, 0x01, 0x08, 0x00).build(), "malformed elements segment kind");
        malformed(module().section(9, 0x01, 0x01, 0x01, 0x00).build(), "malformed element kind");
        malformed(module().section(9, 0x01, 0x05, 0x7F, 0x00).build(), "malformed reference type");
        malformed(module().section(11, 0x01, 0x03, 0x00).build(), "malformed data segment kind");
        malformed(module().section(12, 0x01).section(11, 0x00).build(),
                "data count and data section have inconsistent lengths");
        malformed(module().voidType().functions(1).body(0xFC, 0x09, 0x00, 0x0B).section(11, 0x01, 0x01, 0x00).build(),
                "data count section required");
        malformed(module().voidType().functions(1).body(0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 0x08, 0x00, 0x00, 0x0B)
                .build(), "data count section required");
        // a global initializer without end runs into the next section's id
        malformed(module().voidType().functions(1).section(6, 0x01, 0x7F, 0x00, 0x41, 0x00).body(0x0B).build(),
                "illegal opcode");
    }

    @Test
    void codeErrors() {
        malformed(module().voidType().functions(2).body(0x0B).build(),
                "function and code section have inconsistent lengths");
        malformed(module().voidType().body(0x0B).build(), "function and code section have inconsistent lengths");
        malformed(module().voidType().functions(1).body(0x06, 0x0B).build(), "illegal opcode 06");
        malformed(module().voidType().functions(1).body(0xFC, 0x12, 0x0B).build(), "illegal opcode fc 12");
        malformed(module().voidType().functions(1).body(0xFC, 0x80, 0x20, 0x0B).build(), "illegal opcode fc 1000");
        malformed(module().voidType().functions(1).body(0xFD, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0B).build(),
                "integer too large");
        malformed(module().voidType().functions(1).body(0xFD, 0x9A, 0x01, 0x0B).build(), "illegal opcode fd 9a");
        malformed(module().voidType().functions(1).body(0x3F, 0x01, 0x1A, 0x0B).build(), "zero byte expected");
        malformed(module().voidType().functions(1).body(0x41, 0, 0x40, 0x80, 0x00, 0x1A, 0x0B).build(),
                "zero byte expected");
        malformed(module().voidType().functions(1).body(0x41, 0, 0x28, 0x20, 0x00, 0x1A, 0x0B).build(),
                "malformed memop flags");
        malformed(module().voidType().functions(1).body(0x41, 0, 0x28, 0x40, 0x00, 0x1A, 0x0B).build(),
                "malformed memop flags");
        malformed(module().voidType().functions(1).body(0x05, 0x0B).build(), "END opcode expected");
        malformed(module().voidType().functions(1).body(0x02, 0x40, 0x05, 0x0B, 0x0B).build(), "END opcode expected");
        malformed(module().voidType().functions(1).body(0x41, 0, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B).build(),
                "END opcode expected");
        malformed(module().voidType().functions(1).body(0x02, 0x40, 0x0B).build(),
                "unexpected end of section or function");
        malformed(module().voidType().functions(1).body(0x0B, 0x01).build(), "section size mismatch");
        malformed(module().voidType().functions(1).body(0xD0, 0x7F, 0x1A, 0x0B).build(), "malformed reference type");
        malformed(module().voidType().functions(1).body(0x02, 0x7A, 0x0B, 0x0B).build(), "malformed value type");
        // 0xFFFFFFFF + 2 locals
        ByteWriter f = new ByteWriter().u32(2).u32(-1).u8(0x7F).u32(2).u8(0x7E).u8(0x0B);
        malformed(module().voidType().functions(1)
                .section(10, new ByteWriter().u32(1).u32(f.size()).bytes(f.toByteArray()).toByteArray()).build(),
                "too many locals");
    }

    @Test
    void errorsCarryTheirOffset() {
        byte[] binary = module().voidType().functions(1).body(0x41, 0x00, 0x06, 0x0B).build();
        DecodeException e = malformed(binary, "illegal opcode");
        assertEquals(binary.length - 2, e.offset());
        assertFalse(e.getMessage().isEmpty());
    }
}

package org.ssvm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ssvm.binary.TestBinaries.bytes;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssvm.model.CustomSection;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.Expr;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

class ModuleEncoderTest {
    /** A module using every section and every segment shape, as the text parser might build it. */
    static Module sample() {
        Module m = new Module();
        m.types().add(FuncType.of(new ValType[] {ValType.I32}, ValType.I64));
        m.types().add(FuncType.of(new ValType[0]));
        m.imports().add(new Import("env", "f", new ImportDesc.Func(1)));
        m.imports().add(new Import("env", "t", new ImportDesc.Table(new TableType(ValType.EXTERNREF, Limits.of(0)))));
        m.imports().add(new Import("env", "m", new ImportDesc.Memory(new MemoryType(Limits.of(1, 2)))));
        m.imports().add(new Import("env", "g", new ImportDesc.Global(new GlobalType(ValType.F64, false))));
        m.functions().add(0);
        m.functions().add(1);
        m.tables().add(new TableType(ValType.FUNCREF, Limits.of(10, 20)));
        m.globals().add(new Global(new GlobalType(ValType.I32, true), Expr.i32Const(-5)));
        m.exports().add(new Export("run", ExternKind.FUNC, 1));
        m.exports().add(new Export("tab", ExternKind.TABLE, 1));
        m.setStart(2);
        m.elements().add(new ElementSegment(SegmentMode.ACTIVE, 1, Expr.i32Const(0), ValType.FUNCREF,
                List.of(Expr.refFunc(1), Expr.refFunc(2))));
        m.elements().add(new ElementSegment(SegmentMode.ACTIVE, 1, Expr.i32Const(2), ValType.FUNCREF,
                List.of(Expr.refNull(ValType.FUNCREF))));
        m.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), ValType.EXTERNREF,
                List.of(Expr.refNull(ValType.EXTERNREF))));
        m.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF,
                List.of(Expr.refFunc(300))));
        m.elements().add(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, ValType.FUNCREF,
                List.of(Expr.refFunc(1), Expr.refNull(ValType.FUNCREF))));
        m.setDataCount(2);
        m.bodies().add(new FunctionBody(new ValType[] {ValType.I64, ValType.I64, ValType.I32, ValType.I64},
                bytes(0x42, 0x00, 0x0B), -1));
        m.bodies().add(new FunctionBody(new ValType[0], bytes(0xFC, 0x09, 0x01, 0x0B), -1));
        m.data().add(new DataSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(8), bytes(1, 2, 3)));
        m.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes()));
        m.customSections().add(new CustomSection("producers", bytes(0, 1)));
        m.names().setModuleName("sample");
        m.names().functionNames().put(1, "run");
        m.names().functionNames().put(2, "init");
        m.names().localNames().put(1, Map.of(0, "x", 3, "acc"));
        return m;
    }

    @Test
    void roundTripPreservesEverything() {
        Module m = sample();
        byte[] binary = ModuleEncoder.encode(m);
        Module decoded = ModuleDecoder.decode(binary);
        // The decoded module also holds the generated name section verbatim; compare the rest.
        assertEquals(List.of("producers", "name"), decoded.customSections().stream().map(CustomSection::name).toList());
        decoded.customSections().removeLast();
        ModuleAssert.assertModulesEqual(m, decoded);
        // Encoding again yields the same bytes (the name section is now carried verbatim).
        assertArrayEquals(ModuleEncoder.encode(decoded), binary);
    }

    @Test
    void roundTripOfADecodedModuleIsStable() {
        byte[] first = ModuleEncoder.encode(sample());
        Module decoded = ModuleDecoder.decode(first);
        Module again = ModuleDecoder.decode(ModuleEncoder.encode(decoded));
        ModuleAssert.assertModulesEqual(decoded, again);
    }

    @Test
    void elementSegmentsUseTheCompactFormWhenPossible() {
        Module m = new Module();
        m.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), ValType.FUNCREF,
                List.of(Expr.refFunc(3))));
        m.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF,
                List.of(Expr.refFunc(4))));
        m.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), ValType.FUNCREF,
                List.of(Expr.refNull(ValType.FUNCREF))));
        byte[] binary = ModuleEncoder.encode(m);
        byte[] expected = TestBinaries.module().section(9,
                0x03,
                0x00, 0x41, 0x00, 0x0B, 0x01, 0x03,          // flags 0: offset, indices
                0x01, 0x00, 0x01, 0x04,                      // flags 1: elemkind, indices
                0x04, 0x41, 0x00, 0x0B, 0x01, 0xD0, 0x70, 0x0B // flags 4: offset, expressions
        ).build();
        assertArrayEquals(expected, binary);
    }

    @Test
    void dataSegmentsUseTheShortestForm() {
        Module m = new Module();
        m.data().add(new DataSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(1), bytes(9)));
        m.data().add(new DataSegment(SegmentMode.ACTIVE, 1, Expr.i32Const(1), bytes()));
        m.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes(7, 7)));
        byte[] expected = TestBinaries.module().section(11,
                0x03,
                0x00, 0x41, 0x01, 0x0B, 0x01, 0x09,
                0x02, 0x01, 0x41, 0x01, 0x0B, 0x00,
                0x01, 0x02, 0x07, 0x07).build();
        assertArrayEquals(expected, ModuleEncoder.encode(m));
    }

    @Test
    void localsAreGroupedIntoRuns() {
        Module m = new Module();
        m.types().add(FuncType.of(new ValType[0]));
        m.functions().add(0);
        m.bodies().add(new FunctionBody(new ValType[] {ValType.I32, ValType.I32, ValType.F32, ValType.I32},
                bytes(0x0B), -1));
        byte[] expected = TestBinaries.module().voidType().functions(1)
                .section(10, 0x01, 0x08, 0x03, 0x02, 0x7F, 0x01, 0x7D, 0x01, 0x7F, 0x0B).build();
        assertArrayEquals(expected, ModuleEncoder.encode(m));
    }
}

package org.ssvm.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.EXTERNREF;
import static org.ssvm.model.ValType.F32;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.model.ValType.V128;
import static org.ssvm.validation.Modules.NONE;
import static org.ssvm.validation.Modules.func;
import static org.ssvm.validation.Modules.sig;
import static org.ssvm.validation.Modules.type;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.ValidationException;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.ExternKind;
import org.ssvm.model.Expr;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

class ModuleValidationTest {
    private static final FuncType VOID = sig(NONE);

    private static void valid(Module m) {
        assertDoesNotThrow(() -> Validator.validate(m));
    }

    private static void invalid(Module m, String category) {
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith(category), () -> "expected \"" + category + "\" but got: " + e.getMessage());
    }

    private static Expr expr(Code c) {
        return new Expr(c.body());
    }

    private static Module importGlobal(Module m, ValType t, boolean mutable) {
        m.imports().add(new Import("env", "g" + m.imports().size(), new ImportDesc.Global(new GlobalType(t, mutable))));
        return m;
    }

    private static Module global(Module m, ValType t, Expr init) {
        m.globals().add(new Global(new GlobalType(t, false), init));
        return m;
    }

    @Test
    void messagesNameTheCategoryThenThePlace() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> Validator.validate(global(new Module(), I32, expr(new Code().f32(0)))));
        org.junit.jupiter.api.Assertions.assertEquals(
                "type mismatch (in global 0 initializer: expected [i32] but got [f32])", e.getMessage());
        Module m = new Module();
        func(m, VOID, new Code().op(Opcode.NOP).op(Opcode.LOCAL_GET, 4).op(Opcode.DROP).body());
        e = assertThrows(ValidationException.class, () -> Validator.validate(m));
        org.junit.jupiter.api.Assertions.assertEquals("unknown local 4 (in function 0 at offset 0x1: local.get)",
                e.getMessage());
    }

    @Test
    void emptyModuleIsValid() {
        valid(new Module());
    }

    @Test
    void functionTypesMustExist() {
        Module m = new Module();
        m.functions().add(3);
        m.bodies().add(new FunctionBody(NONE, new byte[] {0x0B}, 0));
        invalid(m, "unknown type 3");
        Module imp = new Module();
        imp.imports().add(new Import("a", "b", new ImportDesc.Func(0)));
        invalid(imp, "unknown type 0");
    }

    @Test
    void bodiesMustMatchFunctions() {
        Module m = new Module();
        m.functions().add(type(m, VOID));
        invalid(m, "function and code section have inconsistent lengths");
    }

    @Test
    void memoryLimits() {
        Module ok = new Module();
        ok.memories().add(new MemoryType(Limits.of(0, 65536)));
        valid(ok);
        Module big = new Module();
        big.memories().add(new MemoryType(Limits.of(65537)));
        invalid(big, "memory size must be at most 65536 pages (4GiB)");
        Module bigMax = new Module();
        bigMax.memories().add(new MemoryType(Limits.of(0, 0x1_0000_0000L)));
        invalid(bigMax, "memory size must be at most 65536 pages (4GiB)");
        Module minMax = new Module();
        minMax.memories().add(new MemoryType(Limits.of(2, 1)));
        invalid(minMax, "size minimum must not be greater than maximum");
        Module importedBad = new Module();
        importedBad.imports().add(new Import("a", "m", new ImportDesc.Memory(new MemoryType(Limits.of(70000)))));
        invalid(importedBad, "memory size must be at most 65536 pages (4GiB)");
    }

    @Test
    void atMostOneMemory() {
        Module two = new Module();
        two.memories().add(new MemoryType(Limits.of(0)));
        two.memories().add(new MemoryType(Limits.of(0)));
        invalid(two, "multiple memories");
        Module importAndDefine = new Module();
        importAndDefine.imports().add(new Import("a", "m", new ImportDesc.Memory(new MemoryType(Limits.of(0)))));
        importAndDefine.memories().add(new MemoryType(Limits.of(0)));
        invalid(importAndDefine, "multiple memories");
    }

    @Test
    void tableLimits() {
        Module ok = new Module();
        ok.tables().add(new TableType(FUNCREF, Limits.of(1, 0xFFFF_FFFFL)));
        ok.tables().add(new TableType(EXTERNREF, Limits.of(0)));
        valid(ok);
        Module minMax = new Module();
        minMax.tables().add(new TableType(FUNCREF, Limits.of(3, 2)));
        invalid(minMax, "size minimum must not be greater than maximum");
    }

    @Test
    void globalInitializers() {
        valid(global(new Module(), I32, Expr.i32Const(7)));
        valid(global(new Module(), I64, expr(new Code().i64(7))));
        valid(global(new Module(), F32, expr(new Code().f32(7))));
        valid(global(new Module(), V128, expr(new Code().v128())));
        valid(global(new Module(), EXTERNREF, Expr.refNull(EXTERNREF)));
        valid(global(importGlobal(new Module(), I32, false), I32, expr(new Code().op(Opcode.GLOBAL_GET, 0))));
        invalid(global(new Module(), I32, expr(new Code().f32(0))), "type mismatch");
        invalid(global(new Module(), I32, expr(new Code().i32(0).i32(0))), "type mismatch");
        invalid(global(new Module(), I32, expr(new Code())), "type mismatch");
        invalid(global(new Module(), I32, expr(new Code().i32(0).op(Opcode.I32_CTZ))), "constant expression required");
        invalid(global(new Module(), I32, expr(new Code().op(Opcode.NOP))), "constant expression required");
        invalid(global(new Module(), I32, expr(new Code().i32(0).op(Opcode.NOP))), "constant expression required");
        invalid(global(new Module(), I32, expr(new Code().i32(1).i32(2).op(Opcode.I32_ADD))),
                "constant expression required");
        invalid(global(new Module(), I32, expr(new Code().op(Opcode.LOCAL_GET, 0))), "constant expression required");
        // Only imported, immutable globals may be read.
        invalid(global(importGlobal(new Module(), I32, true), I32, expr(new Code().op(Opcode.GLOBAL_GET, 0))),
                "constant expression required");
        Module defined = global(new Module(), I32, Expr.i32Const(0));
        invalid(global(defined, I32, expr(new Code().op(Opcode.GLOBAL_GET, 0))), "unknown global 0");
        invalid(global(importGlobal(new Module(), I32, false), I32, expr(new Code().op(Opcode.GLOBAL_GET, 2))),
                "unknown global 2");
        invalid(global(importGlobal(new Module(), EXTERNREF, false), FUNCREF,
                expr(new Code().op(Opcode.GLOBAL_GET, 0))), "type mismatch");
        invalid(global(new Module(), FUNCREF, Expr.refFunc(7)), "unknown function 7");
        invalid(global(new Module(), FUNCREF, Expr.refNull(EXTERNREF)), "type mismatch");
    }

    @Test
    void elementSegments() {
        Module ok = new Module();
        int f = func(ok, VOID, new byte[] {0x0B});
        ok.tables().add(new TableType(FUNCREF, Limits.of(1)));
        ok.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), FUNCREF,
                List.of(Expr.refFunc(f), Expr.refNull(FUNCREF))));
        valid(ok);

        Module noTable = new Module();
        func(noTable, VOID, new byte[] {0x0B});
        noTable.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), FUNCREF,
                List.of(Expr.refFunc(0))));
        invalid(noTable, "unknown table 0");

        Module badOffset = new Module();
        badOffset.tables().add(new TableType(FUNCREF, Limits.of(1)));
        badOffset.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, expr(new Code().i64(0)), FUNCREF,
                List.of()));
        invalid(badOffset, "type mismatch");

        Module tableType = new Module();
        func(tableType, VOID, new byte[] {0x0B});
        tableType.tables().add(new TableType(EXTERNREF, Limits.of(1)));
        tableType.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), FUNCREF,
                List.of(Expr.refFunc(0))));
        invalid(tableType, "type mismatch");

        Module badElement = new Module();
        badElement.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, FUNCREF,
                List.of(Expr.refNull(EXTERNREF))));
        invalid(badElement, "type mismatch");

        Module callElement = new Module();
        func(callElement, sig(NONE, FUNCREF), new Code().op(Opcode.REF_NULL).u8(0x70).body());
        callElement.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, FUNCREF,
                List.of(expr(new Code().op(Opcode.CALL, 0)))));
        invalid(callElement, "constant expression required");

        Module mutableOffset = importGlobal(new Module(), I32, true);
        mutableOffset.tables().add(new TableType(FUNCREF, Limits.of(1)));
        mutableOffset.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0,
                expr(new Code().op(Opcode.GLOBAL_GET, 0)), FUNCREF, List.of()));
        invalid(mutableOffset, "constant expression required");

        Module importedFuncref = importGlobal(new Module(), FUNCREF, false);
        importedFuncref.tables().add(new TableType(FUNCREF, Limits.of(1)));
        importedFuncref.elements().add(new ElementSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), FUNCREF,
                List.of(expr(new Code().op(Opcode.GLOBAL_GET, 0)))));
        valid(importedFuncref);
    }

    @Test
    void dataSegments() {
        Module ok = new Module();
        ok.memories().add(new MemoryType(Limits.of(1)));
        ok.data().add(new DataSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), new byte[] {1, 2}));
        ok.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[0]));
        valid(ok);
        Module noMemory = new Module();
        noMemory.data().add(new DataSegment(SegmentMode.ACTIVE, 0, Expr.i32Const(0), new byte[0]));
        invalid(noMemory, "unknown memory 0");
        Module memoryOne = new Module();
        memoryOne.memories().add(new MemoryType(Limits.of(1)));
        memoryOne.data().add(new DataSegment(SegmentMode.ACTIVE, 1, Expr.i32Const(0), new byte[0]));
        invalid(memoryOne, "unknown memory 1");
        Module badOffset = new Module();
        badOffset.memories().add(new MemoryType(Limits.of(1)));
        badOffset.data().add(new DataSegment(SegmentMode.ACTIVE, 0, expr(new Code().f32(0)), new byte[0]));
        invalid(badOffset, "type mismatch");
        Module globalOffset = new Module();
        globalOffset.memories().add(new MemoryType(Limits.of(1)));
        globalOffset.data().add(new DataSegment(SegmentMode.ACTIVE, 0, expr(new Code().op(Opcode.GLOBAL_GET, 0)),
                new byte[0]));
        invalid(globalOffset, "unknown global 0");
    }

    @Test
    void startFunction() {
        Module ok = new Module();
        func(ok, VOID, new byte[] {0x0B});
        ok.setStart(0);
        valid(ok);
        Module missing = new Module();
        missing.setStart(0);
        invalid(missing, "unknown function 0");
        Module result = new Module();
        func(result, sig(NONE, I32), new Code().i32(0).body());
        result.setStart(0);
        invalid(result, "start function");
        Module param = new Module();
        func(param, sig(new ValType[] {I32}), new byte[] {0x0B});
        param.setStart(0);
        invalid(param, "start function");
    }

    @Test
    void exports() {
        Module ok = new Module();
        func(ok, VOID, new byte[] {0x0B});
        ok.memories().add(new MemoryType(Limits.of(0)));
        ok.tables().add(new TableType(FUNCREF, Limits.of(0)));
        global(ok, I32, Expr.i32Const(0));
        ok.exports().add(new Export("f", ExternKind.FUNC, 0));
        ok.exports().add(new Export("m", ExternKind.MEMORY, 0));
        ok.exports().add(new Export("t", ExternKind.TABLE, 0));
        ok.exports().add(new Export("g", ExternKind.GLOBAL, 0));
        valid(ok);
        Module dup = new Module();
        func(dup, VOID, new byte[] {0x0B});
        dup.exports().add(new Export("a", ExternKind.FUNC, 0));
        dup.exports().add(new Export("a", ExternKind.FUNC, 0));
        invalid(dup, "duplicate export name");
        Module unknownFunc = new Module();
        unknownFunc.exports().add(new Export("a", ExternKind.FUNC, 1));
        invalid(unknownFunc, "unknown function 1");
        Module unknownGlobal = new Module();
        unknownGlobal.exports().add(new Export("a", ExternKind.GLOBAL, 0));
        invalid(unknownGlobal, "unknown global 0");
        Module unknownMemory = new Module();
        unknownMemory.exports().add(new Export("a", ExternKind.MEMORY, 0));
        invalid(unknownMemory, "unknown memory 0");
        Module unknownTable = new Module();
        unknownTable.exports().add(new Export("a", ExternKind.TABLE, 0));
        invalid(unknownTable, "unknown table 0");
    }
}

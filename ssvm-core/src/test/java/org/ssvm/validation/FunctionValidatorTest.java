package org.ssvm.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.Opcode.*;
import static org.ssvm.model.ValType.EXTERNREF;
import static org.ssvm.model.ValType.F32;
import static org.ssvm.model.ValType.F64;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.model.ValType.V128;
import static org.ssvm.validation.Code.EMPTY_BLOCK;
import static org.ssvm.validation.Modules.NONE;
import static org.ssvm.validation.Modules.func;
import static org.ssvm.validation.Modules.sig;
import static org.ssvm.validation.Modules.single;
import static org.ssvm.validation.Modules.type;
import static org.ssvm.validation.Modules.types;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.ValidationException;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.ExternKind;
import org.ssvm.model.Expr;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Module;
import org.ssvm.model.Opcode;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ValType;

class FunctionValidatorTest {
    private static final FuncType VOID = sig(NONE);

    private static void valid(Module m) {
        assertDoesNotThrow(() -> Validator.validate(m));
    }

    private static void invalid(Module m, String category) {
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith(category), () -> "expected \"" + category + "\" but got: " + e.getMessage());
    }

    private static Module withMemory(Module m) {
        m.memories().add(new MemoryType(Limits.of(1)));
        return m;
    }

    private static Module withTable(Module m, ValType type) {
        m.tables().add(new TableType(type, Limits.of(1)));
        return m;
    }

    // ---- Plain typing ----

    @Test
    void acceptsArithmeticOnParams() {
        valid(single(sig(types(I32, I32), I32), new Code().op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(I32_ADD).body()));
    }

    @Test
    void reportsMismatchWithCategoryFirstAndDetail() {
        byte[] body = new Code().i64(1).f32(2).op(I32_ADD).op(DROP).body();
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(single(VOID, body)));
        assertEquals("type mismatch (in function 0 at offset 0x7: i32.add expects [i32 i32] but got [i64 f32])",
                e.getMessage());
    }

    @Test
    void countsImportedFunctionsInTheFunctionIndex() {
        Module m = new Module();
        m.imports().add(new org.ssvm.model.Import("env", "f", new org.ssvm.model.ImportDesc.Func(type(m, VOID))));
        func(m, VOID, new Code().op(I32_ADD).body());
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith("type mismatch (in function 1 "), e.getMessage());
    }

    @Test
    void rejectsMissingAndExtraResults() {
        invalid(single(sig(NONE, I32), new Code().body()), "type mismatch");
        invalid(single(VOID, new Code().i32(1).body()), "type mismatch");
        invalid(single(sig(NONE, I32), new Code().i64(1).body()), "type mismatch");
        valid(single(sig(NONE, I32, I64), new Code().i32(1).i64(2).body()));
    }

    @Test
    void checksLocals() {
        ValType[] locals = types(I64, F64);
        valid(single(sig(types(I32)), locals, new Code().i64(1).op(LOCAL_SET, 1).op(LOCAL_GET, 2).op(LOCAL_TEE, 2)
                .op(DROP).body()));
        invalid(single(sig(types(I32)), locals, new Code().op(LOCAL_GET, 3).op(DROP).body()), "unknown local 3");
        invalid(single(sig(types(I32)), locals, new Code().i32(1).op(LOCAL_SET, 1).body()), "type mismatch");
    }

    @Test
    void checksGlobals() {
        Module m = new Module();
        m.globals().add(new Global(new GlobalType(I32, false), Expr.i32Const(0)));
        m.globals().add(new Global(new GlobalType(F32, true), new Expr(new Code().f32(0).body())));
        func(m, VOID, new Code().op(GLOBAL_GET, 0).op(DROP).f32(1).op(GLOBAL_SET, 1).body());
        valid(m);
        Module immutable = new Module();
        immutable.globals().add(new Global(new GlobalType(I32, false), Expr.i32Const(0)));
        func(immutable, VOID, new Code().i32(1).op(GLOBAL_SET, 0).body());
        invalid(immutable, "global is immutable");
        invalid(single(VOID, new Code().op(GLOBAL_GET, 0).op(DROP).body()), "unknown global 0");
    }

    @Test
    void checksCalls() {
        Module m = new Module();
        int callee = func(m, sig(types(I32, I64), F32), new Code().f32(0).body());
        func(m, sig(NONE, F32), new Code().i32(1).i64(2).op(CALL, callee).body());
        valid(m);
        Module wrongArgs = new Module();
        func(wrongArgs, sig(types(I32, I64), F32), new Code().f32(0).body());
        func(wrongArgs, sig(NONE, F32), new Code().i64(1).i32(2).op(CALL, 0).body());
        invalid(wrongArgs, "type mismatch");
        invalid(single(VOID, new Code().op(CALL, 5).body()), "unknown function 5");
    }

    @Test
    void checksCallIndirect() {
        Module m = withTable(new Module(), FUNCREF);
        int t = type(m, sig(types(I32), I32));
        func(m, sig(NONE, I32), new Code().i32(7).i32(0).op(CALL_INDIRECT, t, 0).body());
        valid(m);
        Module noTable = new Module();
        func(noTable, VOID, new Code().i32(0).op(CALL_INDIRECT, 0, 0).body());
        invalid(noTable, "unknown table 0");
        Module badType = withTable(new Module(), FUNCREF);
        func(badType, VOID, new Code().i32(0).op(CALL_INDIRECT, 9, 0).body());
        invalid(badType, "unknown type 9");
        Module externTable = withTable(new Module(), EXTERNREF);
        func(externTable, VOID, new Code().i32(0).op(CALL_INDIRECT, 0, 0).body());
        invalid(externTable, "type mismatch");
    }

    // ---- Blocks and branches ----

    @Test
    void acceptsMultiValueBlocksWithParams() {
        Module m = new Module();
        int bt = type(m, sig(types(I32, I64), I64, I32));
        // (i32 i64) -> (i64 i32): swap via locals inside the block.
        func(m, sig(NONE, I64, I32), types(I32, I64), new Code().i32(1).i64(2).blockIndex(BLOCK, bt)
                .op(LOCAL_SET, 1).op(LOCAL_SET, 0).op(LOCAL_GET, 1).op(LOCAL_GET, 0).end().body());
        valid(m);
    }

    @Test
    void loopLabelCarriesItsParams() {
        Module m = new Module();
        int bt = type(m, sig(types(I32), I64));
        // loop (param i32) (result i64): br_if 0 needs [i32] on top of the condition.
        func(m, sig(NONE, I64), new Code().i32(0).blockIndex(LOOP, bt).i32(1).i32(1).op(BR_IF, 0).op(DROP).op(DROP)
                .i64(5).end().body());
        valid(m);
        Module wrong = new Module();
        int bt2 = type(wrong, sig(types(I32), I64));
        func(wrong, sig(NONE, I64), new Code().i32(0).blockIndex(LOOP, bt2).i64(1).op(BR, 0).end().body());
        invalid(wrong, "type mismatch");
    }

    @Test
    void blockParamsMustBeOnTheStack() {
        Module m = new Module();
        int bt = type(m, sig(types(I32), I32));
        func(m, sig(NONE, I32), new Code().blockIndex(BLOCK, bt).end().body());
        invalid(m, "type mismatch");
    }

    @Test
    void blockCannotSeeOuterOperands() {
        invalid(single(sig(NONE, I32), new Code().i32(1).block(BLOCK, I32).end().body()), "type mismatch");
    }

    @Test
    void ifElseTyping() {
        valid(single(sig(NONE, I32), new Code().i32(1).block(IF, I32).i32(2).op(ELSE).i32(3).end().body()));
        invalid(single(sig(NONE, I32), new Code().i32(1).block(IF, I32).i32(2).op(ELSE).i64(3).end().body()),
                "type mismatch");
        // An if without else must not change the stack's type.
        invalid(single(sig(NONE, I32), new Code().i32(1).block(IF, I32).i32(2).end().body()), "type mismatch");
        Module m = new Module();
        int bt = type(m, sig(types(I32), I32));
        func(m, sig(NONE, I32), new Code().i32(5).i32(1).blockIndex(IF, bt).end().body());
        valid(m);
        invalid(single(VOID, new Code().i64(1).block(IF, EMPTY_BLOCK).end().body()), "type mismatch");
    }

    @Test
    void branchesCheckLabels() {
        valid(single(sig(NONE, I32), new Code().block(BLOCK, I32).i32(1).op(BR, 0).end().body()));
        valid(single(sig(NONE, I32), new Code().i32(3).op(BR, 0).body()));
        invalid(single(VOID, new Code().block(BLOCK, EMPTY_BLOCK).op(BR, 2).end().body()), "unknown label 2");
        invalid(single(sig(NONE, I32), new Code().block(BLOCK, I32).i64(1).op(BR, 0).end().body()), "type mismatch");
        valid(single(sig(NONE, I32), new Code().block(BLOCK, I32).i32(1).i32(0).op(BR_IF, 0).end().body()));
        invalid(single(sig(NONE, I32), new Code().block(BLOCK, I32).i32(1).op(BR_IF, 0).end().body()),
                "type mismatch");
    }

    @Test
    void returnChecksFunctionResults() {
        valid(single(sig(NONE, I64), new Code().block(BLOCK, EMPTY_BLOCK).i64(1).op(RETURN).end().i64(2).body()));
        invalid(single(sig(NONE, I64), new Code().i32(1).op(RETURN).body()), "type mismatch");
    }

    @Test
    void brTableWithSameArityDifferentLabels() {
        // block (result i32) block (result i32) i32 i32 br_table 0 1 end end
        valid(single(sig(NONE, I32), new Code().block(BLOCK, I32).block(BLOCK, I32).i32(5).i32(0)
                .op(BR_TABLE, 1, 0, 1).end().end().body()));
        // A loop target with no params next to a block with one result: different arities.
        invalid(single(sig(NONE, I32), new Code().block(BLOCK, I32).block(LOOP, EMPTY_BLOCK).i32(5).i32(0)
                .op(BR_TABLE, 1, 0, 1).end().i32(1).end().body()), "type mismatch");
        invalid(single(VOID, new Code().i32(0).op(BR_TABLE, 1, 3, 0).body()), "unknown label 3");
    }

    @Test
    void brTableInUnreachableCodeAllowsDifferentTypesOfSameArity() {
        // block (result i32) block (result f32) unreachable br_table 0 1 ... end drop ... end
        valid(single(sig(NONE, I32), new Code().block(BLOCK, I32).block(BLOCK, F32).op(UNREACHABLE)
                .op(BR_TABLE, 1, 0, 1).end().op(DROP).i32(0).end().body()));
        // With a real i32 operand the f32 target does not fit.
        invalid(single(sig(NONE, I32), new Code().block(BLOCK, I32).block(BLOCK, F32).op(UNREACHABLE).i32(7).i32(0)
                .op(BR_TABLE, 1, 0, 1).end().op(DROP).i32(0).end().body()), "type mismatch");
    }

    // ---- Unreachable code ----

    @Test
    void unreachableCodeIsPolymorphic() {
        valid(single(sig(NONE, I32), new Code().op(UNREACHABLE).op(I32_ADD).body()));
        valid(single(sig(NONE, F64, I32), new Code().op(UNREACHABLE).body()));
        valid(single(VOID, new Code().op(UNREACHABLE).op(DROP).op(SELECT).op(DROP).body()));
        valid(single(sig(NONE, I32), new Code().i32(0).op(RETURN).op(I64_ADD).op(DROP).i32(1).body()));
        // Known types above the polymorphic base are still checked.
        invalid(single(sig(NONE, I32), new Code().op(UNREACHABLE).i64(1).op(I32_ADD).body()), "type mismatch");
        // Unreachability ends with its block.
        invalid(single(sig(NONE, I32), new Code().i32(1).block(BLOCK, EMPTY_BLOCK).op(UNREACHABLE).end().op(I32_ADD)
                .body()),
                "type mismatch");
        // Extra values after unreachable are still too many.
        invalid(single(VOID, new Code().op(UNREACHABLE).i32(1).body()), "type mismatch");
    }

    // ---- select ----

    @Test
    void selectRules() {
        valid(single(sig(NONE, F64), new Code().f64(1).f64(2).i32(0).op(SELECT).body()));
        valid(single(sig(NONE, V128), new Code().v128().v128().i32(0).op(SELECT).body()));
        invalid(single(sig(NONE, F64), new Code().f64(1).f32(2).i32(0).op(SELECT).body()), "type mismatch");
        // Untyped select is only for numeric and vector types.
        Module refs = new Module();
        func(refs, sig(NONE, EXTERNREF), new Code().op(REF_NULL).u8(0x6F).op(REF_NULL).u8(0x6F).i32(0)
                .op(SELECT).body());
        invalid(refs, "type mismatch");
        invalid(single(sig(NONE, I32), new Code().op(UNREACHABLE).op(REF_NULL).u8(0x70).op(SELECT).op(DROP).i32(0)
                .body()), "type mismatch");
        // Typed select takes references.
        valid(single(sig(NONE, EXTERNREF), new Code().op(REF_NULL).u8(0x6F).op(REF_NULL).u8(0x6F).i32(0)
                .op(SELECT_T, 1).u8(0x6F).body()));
        invalid(single(sig(NONE, I32), new Code().i32(1).i32(2).i32(0).op(SELECT_T, 1).u8(0x7E).body()),
                "type mismatch");
        invalid(single(VOID, new Code().i32(0).op(SELECT_T, 0).body()), "invalid result arity");
        invalid(single(VOID, new Code().i32(1).i32(2).i32(3).i32(4).i32(0).op(SELECT_T, 2).u8(0x7F).u8(0x7F).body()),
                "invalid result arity");
        // In unreachable code the type comes from the known operand.
        valid(single(sig(NONE, I64), new Code().op(UNREACHABLE).i64(1).i32(0).op(SELECT).body()));
    }

    // ---- References ----

    @Test
    void refFuncNeedsDeclaration() {
        Module m = new Module();
        func(m, sig(NONE, FUNCREF), new Code().op(REF_FUNC, 0).body());
        invalid(m, "undeclared function reference");

        Module declared = new Module();
        func(declared, sig(NONE, FUNCREF), new Code().op(REF_FUNC, 0).body());
        declared.elements().add(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, FUNCREF,
                List.of(Expr.refFunc(0))));
        valid(declared);

        Module exported = new Module();
        func(exported, sig(NONE, FUNCREF), new Code().op(REF_FUNC, 0).body());
        exported.exports().add(new Export("f", ExternKind.FUNC, 0));
        valid(exported);

        Module global = new Module();
        func(global, sig(NONE, FUNCREF), new Code().op(REF_FUNC, 0).body());
        global.globals().add(new Global(new GlobalType(FUNCREF, false), Expr.refFunc(0)));
        valid(global);

        // The start function does not declare.
        Module start = new Module();
        func(start, VOID, new Code().op(REF_FUNC, 0).op(DROP).body());
        start.setStart(0);
        invalid(start, "undeclared function reference");

        invalid(single(VOID, new Code().op(REF_FUNC, 3).op(DROP).body()), "unknown function 3");
    }

    @Test
    void refNullAndIsNull() {
        valid(single(sig(NONE, I32), new Code().op(REF_NULL).u8(0x70).op(REF_IS_NULL).body()));
        invalid(single(sig(NONE, I32), new Code().i32(0).op(REF_IS_NULL).body()), "type mismatch");
        valid(single(sig(NONE, I32), new Code().op(UNREACHABLE).op(REF_IS_NULL).body()));
        invalid(single(sig(NONE, EXTERNREF), new Code().op(REF_NULL).u8(0x70).body()), "type mismatch");
    }

    // ---- Tables ----

    @Test
    void tableInstructions() {
        Module m = withTable(new Module(), EXTERNREF);
        m.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, EXTERNREF,
                List.of(Expr.refNull(EXTERNREF))));
        func(m, sig(types(EXTERNREF), I32), new Code()
                .i32(0).op(TABLE_GET, 0).op(DROP)
                .i32(0).op(LOCAL_GET, 0).op(TABLE_SET, 0)
                .op(LOCAL_GET, 0).i32(1).op(TABLE_GROW, 0).op(DROP)
                .i32(0).op(LOCAL_GET, 0).i32(1).op(TABLE_FILL, 0)
                .i32(0).i32(0).i32(0).op(TABLE_COPY, 0, 0)
                .i32(0).i32(0).i32(0).op(TABLE_INIT, 0, 0)
                .op(ELEM_DROP, 0)
                .op(TABLE_SIZE, 0).body());
        valid(m);
        invalid(single(VOID, new Code().op(TABLE_SIZE, 0).op(DROP).body()), "unknown table 0");
        Module setWrong = withTable(new Module(), FUNCREF);
        func(setWrong, VOID, new Code().i32(0).op(REF_NULL).u8(0x6F).op(TABLE_SET, 0).body());
        invalid(setWrong, "type mismatch");
    }

    @Test
    void tableInitAndElemDropCheckSegments() {
        Module m = withTable(new Module(), FUNCREF);
        func(m, VOID, new Code().op(ELEM_DROP, 4).body());
        invalid(m, "unknown elem segment 4");
        // table.init checks the table before the segment.
        invalid(single(VOID, new Code().i32(0).i32(0).i32(0).op(TABLE_INIT, 4, 0).body()), "unknown table 0");
        Module wrongType = withTable(new Module(), EXTERNREF);
        wrongType.elements().add(new ElementSegment(SegmentMode.PASSIVE, 0, null, FUNCREF, List.of()));
        func(wrongType, VOID, new Code().i32(0).i32(0).i32(0).op(TABLE_INIT, 0, 0).body());
        invalid(wrongType, "type mismatch");
        Module copyTypes = withTable(withTable(new Module(), FUNCREF), EXTERNREF);
        func(copyTypes, VOID, new Code().i32(0).i32(0).i32(0).op(TABLE_COPY, 0, 1).body());
        invalid(copyTypes, "type mismatch");
    }

    // ---- Memory ----

    @Test
    void memoryInstructionsNeedAMemory() {
        invalid(single(sig(NONE, I32), new Code().i32(0).mem(I32_LOAD, 2, 0).body()), "unknown memory 0");
        invalid(single(sig(NONE, I32), new Code().op(MEMORY_SIZE, 0).body()), "unknown memory 0");
        invalid(single(VOID, new Code().i32(0).i32(0).i32(0).op(MEMORY_COPY, 0, 0).body()), "unknown memory 0");
        invalid(single(VOID, new Code().i32(0).i32(0).i32(0).op(MEMORY_FILL, 0).body()), "unknown memory 0");
        valid(withMemory(single(sig(NONE, I32), new Code().i32(0).mem(I32_LOAD, 2, 0).op(MEMORY_SIZE, 0)
                .op(MEMORY_GROW, 0).op(I32_ADD).body())));
    }

    @Test
    void alignmentMustNotExceedNatural() {
        valid(withMemory(single(sig(NONE, I64), new Code().i32(0).mem(I64_LOAD, 3, 0).body())));
        valid(withMemory(single(sig(NONE, I32), new Code().i32(0).mem(I32_LOAD8_U, 0, 4).body())));
        invalid(withMemory(single(sig(NONE, I32), new Code().i32(0).mem(I32_LOAD8_U, 1, 0).body())),
                "alignment must not be larger than natural");
        invalid(withMemory(single(VOID, new Code().i32(0).i64(0).mem(I64_STORE32, 3, 0).body())),
                "alignment must not be larger than natural");
        invalid(withMemory(single(VOID, new Code().i32(0).v128().mem(V128_STORE, 5, 0).body())),
                "alignment must not be larger than natural");
        invalid(withMemory(single(VOID, new Code().i32(0).i32(0).mem(I32_STORE, 2, 0).op(DROP).body())),
                "type mismatch");
    }

    @Test
    void bulkMemoryDataSegments() {
        Module m = withMemory(new Module());
        m.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
        m.setDataCount(1);
        func(m, VOID, new Code().i32(0).i32(0).i32(1).op(MEMORY_INIT, 0, 0).op(DATA_DROP, 0).body());
        valid(m);

        Module unknown = withMemory(new Module());
        unknown.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
        unknown.setDataCount(1);
        func(unknown, VOID, new Code().i32(0).i32(0).i32(1).op(MEMORY_INIT, 1, 0).body());
        invalid(unknown, "unknown data segment 1");

        // memory.init checks the memory before the segment.
        Module noMemory = new Module();
        noMemory.setDataCount(0);
        func(noMemory, VOID, new Code().i32(0).i32(0).i32(1).op(MEMORY_INIT, 1, 0).body());
        invalid(noMemory, "unknown memory 0");

        Module noCount = withMemory(new Module());
        noCount.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
        func(noCount, VOID, new Code().op(DATA_DROP, 0).body());
        invalid(noCount, "data count section required");

        // A body from the text format (no code offset) needs no data count section.
        Module fromText = withMemory(new Module());
        fromText.data().add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1}));
        fromText.functions().add(type(fromText, VOID));
        fromText.bodies().add(new FunctionBody(NONE, new Code().op(DATA_DROP, 0).body(), -1));
        valid(fromText);
    }

    // ---- SIMD ----

    @Test
    void simdLanesAndSignatures() {
        valid(single(sig(NONE, I32), new Code().v128().op(I8X16_EXTRACT_LANE_S).u8(15).body()));
        invalid(single(sig(NONE, I32), new Code().v128().op(I8X16_EXTRACT_LANE_S).u8(16).body()),
                "invalid lane index");
        invalid(single(sig(NONE, I64), new Code().v128().op(I64X2_EXTRACT_LANE).u8(2).body()), "invalid lane index");
        valid(single(sig(NONE, V128), new Code().v128().f64(1).op(F64X2_REPLACE_LANE).u8(1).body()));
        invalid(single(sig(NONE, V128), new Code().v128().f32(1).op(F64X2_REPLACE_LANE).u8(1).body()),
                "type mismatch");
        Code shuffle = new Code().v128().v128().op(I8X16_SHUFFLE);
        for (int i = 0; i < 16; i++) {
            shuffle.u8(31 - i);
        }
        valid(single(sig(NONE, V128), shuffle.body()));
        Code badShuffle = new Code().v128().v128().op(I8X16_SHUFFLE);
        for (int i = 0; i < 16; i++) {
            badShuffle.u8(i == 3 ? 32 : i);
        }
        invalid(single(sig(NONE, V128), badShuffle.body()), "invalid lane index");
        valid(withMemory(single(sig(NONE, V128), new Code().i32(0).v128().mem(V128_LOAD32_LANE, 2, 0).u8(3)
                .body())));
        invalid(withMemory(single(sig(NONE, V128), new Code().i32(0).v128().mem(V128_LOAD32_LANE, 2, 0).u8(4)
                .body())), "invalid lane index");
        invalid(withMemory(single(sig(NONE, V128), new Code().i32(0).v128().mem(V128_LOAD32_LANE, 3, 0).u8(0)
                .body())), "alignment must not be larger than natural");
        invalid(single(sig(NONE, V128), new Code().i32(1).i32(2).op(I32X4_ADD).body()), "type mismatch");
    }

    @Test
    void blockTypeIndexMustExist() {
        invalid(single(VOID, new Code().blockIndex(BLOCK, 7).end().body()), "unknown type 7");
    }

    // ---- Robustness ----

    @Test
    void truncatedBodiesFailCleanly() {
        assertThrows(ValidationException.class, () -> Validator.validate(single(VOID, new Code().i32(1).raw())));
        assertThrows(ValidationException.class, () -> Validator.validate(single(VOID, new byte[] {0x41})));
        assertThrows(ValidationException.class, () -> Validator.validate(single(VOID,
                new byte[] {0x0E, (byte) 0xFF, (byte) 0xFF, 0x0F})));
        assertThrows(ValidationException.class, () -> Validator.validate(single(VOID, new byte[] {0x0B, 0x0B})));
        assertThrows(ValidationException.class, () -> Validator.validate(single(VOID, new byte[] {(byte) 0xFD,
                (byte) 0xFF, 0x7F, 0x0B})));
    }

    @Test
    void observerSeesOperandTypes() {
        Module m = single(sig(types(I64), I64), new Code().op(LOCAL_GET, 0).i64(2).op(I64_MUL).body());
        List<String> seen = new ArrayList<>();
        FunctionValidator fv = new FunctionValidator(new ModuleContext(m));
        fv.setObserver((op, offset, state) -> {
            if (op == Opcode.I64_MUL) {
                seen.add(state.stackHeight() + " " + state.stackType(0) + " " + state.stackType(1));
            }
        });
        fv.validate(0, m.bodies().get(0));
        assertEquals(List.of("2 i64 i64"), seen);
    }

    @Test
    void validatesLargeBodiesQuickly() {
        // About 10 MB of straight-line code with nested blocks.
        Code c = new Code();
        for (int i = 0; i < 400_000; i++) {
            c.block(BLOCK, I32).i32(i).op(LOCAL_GET, 0).op(I32_ADD).end().op(LOCAL_SET, 0);
            c.i64(i).op(I64_EQZ).op(DROP);
        }
        byte[] body = c.body();
        Module m = single(VOID, types(I32), body);
        Validator.validate(m); // warm-up
        long t0 = System.nanoTime();
        Validator.validate(m);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(body.length > 5_000_000, "body size " + body.length);
        assertTrue(ms < 2000, "validation of " + body.length + " bytes took " + ms + " ms");
    }
}

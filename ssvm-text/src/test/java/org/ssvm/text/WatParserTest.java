package org.ssvm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.ExternKind;
import org.ssvm.model.FuncType;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.Module;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.ValType;

class WatParserTest {

    private static String body(String wat, int index) {
        return HexFormat.of().formatHex(Wat.parseModule(wat).bodies().get(index).code());
    }

    private static String body(String wat) {
        return body(wat, 0);
    }

    @Test
    void foldedAndPlainFormsEncodeTheSame() {
        String plain = body("(module (func (param i32) (result i32) local.get 0 i32.const 1 i32.add))");
        String folded = body("(module (func (param $x i32) (result i32) (i32.add (local.get $x) (i32.const 1))))");
        assertEquals("200041016a0b", plain);
        assertEquals(plain, folded);
    }

    @Test
    void blocksLabelsAndBranches() {
        String wat = "(module (func $f (param i32) (result i32)"
                + " (block $out (result i32)"
                + "   (loop $l (br_if $out (i32.const 7) (local.get 0)) (br $l))"
                + "   (i32.const 0)) ))";
        // block i32 / loop empty / i32.const 7 local.get 0 br_if 1 / br 0 / end / i32.const 0 / end / end
        assertEquals("027f0340410720000d010c000b41000b0b", body(wat));
        String plain = "(module (func (result i32) block $a (result i32) i32.const 1 end $a))";
        assertEquals("027f41010b0b", body(plain));
        String ifs = "(module (func (param i32) (result i32)"
                + " (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))";
        assertEquals("2000047f41010541020b0b", body(ifs));
        String plainIf = "(module (func (param i32) local.get 0 if $x nop else $x nop end $x))";
        assertEquals("200004400105010b0b", body(plainIf));
        // an empty else branch is not encoded, in either form
        assertEquals("20000440010b0b", body("(module (func (param i32) local.get 0 if $x nop else $x end $x))"));
        assertEquals("20000440010b0b", body("(module (func (param i32) (if (local.get 0) (then nop) (else))))"));
        assertEquals("0240024041000e020001000b0b0b",
                body("(module (func (block $a (block $b (br_table $b $a 0 (i32.const 0))))))"));
    }

    @Test
    void memargsAndMemoryInstructions() {
        assertEquals("41002802001a0b", body("(module (memory 1) (func (drop (i32.load (i32.const 0)))))"));
        assertEquals("41002903080b", body("(module (memory 1) (func (result i64) (i64.load offset=8 (i32.const 0))))"));
        assertEquals("41002800100b", body("(module (memory 1) (func (result i32) i32.const 0 i32.load offset=16 align=1))"));
        assertEquals("3f0040000b", body("(module (memory 1) (func (result i32) memory.size memory.grow))"));
        assertEquals("410041004101fc0800000b", body("(module (memory 1) (data $d \"x\") (func (memory.init $d"
                + " (i32.const 0) (i32.const 0) (i32.const 1))))"));
        DecodeException e = assertThrows(DecodeException.class,
                () -> Wat.parseModule("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))"));
        assertTrue(e.getMessage().startsWith("alignment"), e.getMessage());
    }

    @Test
    void constantsAreEncodedExactly() {
        assertEquals("417f0b", body("(module (func (result i32) i32.const 0xffff_ffff))"));
        assertEquals("428080808080808080807f0b", body("(module (func (result i64) i64.const -0x8000000000000000))"));
        assertEquals("430000c07f0b", body("(module (func (result f32) f32.const nan))"));
        assertEquals("43010000000b", body("(module (func (result f32) f32.const 0x1p-149))"));
        assertEquals("440000000000000080" + "0b", body("(module (func (result f64) f64.const -0.0))"));
        assertEquals("fd0c" + "00010203040506070809" + "0a0b0c0d0e0f" + "0b",
                body("(module (func (result v128) v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))"));
        assertEquals("fd0c" + "ffff0000" + "01000000" + "0000803f" + "00000080" + "0b",
                body("(module (func (result v128) v128.const i32x4 0xffff 1 0x3f800000 -0x80000000))"));
        assertEquals("fd0c" + "0000803f" + "00000040" + "0000c07f" + "0000807f" + "0b",
                body("(module (func (result v128) v128.const f32x4 1 2 nan inf))"));
    }

    @Test
    void simdLanesAndShuffle() {
        String s = body("(module (func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13"
                + " 14 31 (local.get 0) (local.get 0))))");
        assertEquals("20002000fd0d000102030405060708090a0b0c0d0e1f0b", s);
        assertEquals("2000fd1b030b", body("(module (func (param v128) (result i32) (i32x4.extract_lane 3"
                + " (local.get 0))))"));
        assertEquals("41002000fd5400010f0b", body("(module (memory 1) (func (param v128) (result v128)"
                + " (v128.load8_lane offset=1 align=1 15 (i32.const 0) (local.get 0))))"));
    }

    @Test
    void implicitTypesAreAppendedAfterExplicitOnes() {
        Module m = Wat.parseModule("(module (func (param i64)) (type $t (func (param i32))) (func (type $t))"
                + " (func (param i32)) (func (result f32) (f32.const 0)))");
        assertEquals(List.of(new FuncType(new ValType[] {ValType.I32}, new ValType[0]),
                        new FuncType(new ValType[] {ValType.I64}, new ValType[0]),
                        new FuncType(new ValType[0], new ValType[] {ValType.F32})),
                m.types());
        assertEquals(List.of(1, 0, 0, 2), m.functions());
    }

    @Test
    void callIndirectAndTypedSelect() {
        String wat = "(module (type $ft (func (param i32) (result i32))) (table $t 1 funcref)"
                + " (func (result i32) (call_indirect $t (type $ft) (param i32) (result i32) (i32.const 1)"
                + " (i32.const 0)))"
                + " (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))";
        assertEquals("41014100110000" + "0b", body(wat, 0));
        assertEquals("4101410241001c017f0b", body(wat, 1));
        // call_indirect with an inline type only: the matching type is found
        assertEquals("41004100110000" + "0b", body("(module (type (func (param i32) (result i32)))"
                + " (table 1 funcref)"
                + " (func (result i32) (call_indirect (param i32) (result i32) (i32.const 0) (i32.const 0))))"));
    }

    @Test
    void referencesAndTableInstructions() {
        String wat = "(module (table $a 1 funcref) (table $b 1 funcref) (elem $e func $f) (func $f"
                + " (table.init $b $e (i32.const 0) (i32.const 0) (i32.const 0))"
                + " (table.init $e (i32.const 0) (i32.const 0) (i32.const 0))"
                + " (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 0))"
                + " (drop (ref.null extern)) (drop (ref.func $f)) (elem.drop $e)))";
        String code = body(wat);
        assertTrue(code.contains("fc0c0001"), code);
        assertTrue(code.contains("fc0c0000"), code);
        assertTrue(code.contains("fc0e0001"), code);
        assertTrue(code.contains("d06f1a"), code);
        assertTrue(code.contains("d2001a"), code);
        assertTrue(code.endsWith("fc0d000b"), code);
    }

    @Test
    void moduleFieldsAndAbbreviations() {
        Module m = Wat.parseModule("(module $mod"
                + " (import \"env\" \"f\" (func $imp (param i32)))"
                + " (func $g (import \"env\" \"g\") (result i32))"
                + " (global $c (export \"c\") (mut i32) (i32.const 5))"
                + " (table $t (export \"t\") funcref (elem $h $h))"
                + " (memory $m (export \"m\") (data \"hello\"))"
                + " (func $h (export \"h\") (export \"h2\") (param $p i32) (local $l i64) (call $imp (local.get $p)))"
                + " (elem (i32.const 1) $h)"
                + " (elem (table $t) (offset (i32.const 0)) funcref (ref.func $h) (ref.null func))"
                + " (elem declare func $h)"
                + " (data (memory 0) (i32.const 8) \"a\" \"b\")"
                + " (data $p \"passive\")"
                + " (start $h))");
        assertEquals(2, m.imports().size());
        assertEquals(new ImportDesc.Func(0), m.imports().get(0).desc());
        assertEquals("g", m.imports().get(1).name());
        assertEquals(List.of(new Export("c", ExternKind.GLOBAL, 0), new Export("t", ExternKind.TABLE, 0),
                new Export("m", ExternKind.MEMORY, 0), new Export("h", ExternKind.FUNC, 2),
                new Export("h2", ExternKind.FUNC, 2)), m.exports());
        assertEquals(Limits.of(2, 2), m.tables().getFirst().limits());
        assertEquals(Limits.of(1, 1), m.memories().getFirst().limits());
        assertEquals(4, m.elements().size());
        ElementSegment inline = m.elements().getFirst();
        assertEquals(SegmentMode.ACTIVE, inline.mode());
        assertArrayEquals(new byte[] {(byte) 0xD2, 2, 0x0B}, inline.init().get(1).code());
        assertEquals(SegmentMode.DECLARATIVE, m.elements().get(3).mode());
        assertArrayEquals(new byte[] {(byte) 0xD0, 0x70, 0x0B}, m.elements().get(2).init().get(1).code());
        assertEquals(3, m.data().size());
        DataSegment d = m.data().get(1);
        assertArrayEquals("ab".getBytes(), d.bytes());
        assertArrayEquals(new byte[] {0x41, 8, 0x0B}, d.offset().code());
        assertEquals(SegmentMode.PASSIVE, m.data().get(2).mode());
        assertEquals(2, m.start());
        assertEquals(3, m.dataCount());
        assertArrayEquals(new ValType[] {ValType.I64}, m.bodies().getFirst().locals());
        assertEquals(-1, m.bodies().getFirst().codeOffset());
        assertEquals("mod", m.names().moduleName());
        assertEquals(Map.of(0, "imp", 1, "g", 2, "h"), m.names().functionNames());
        assertEquals(Map.of(0, "p", 1, "l"), m.names().localNames().get(2));
        assertArrayEquals(new byte[] {0x41, 5, 0x0B}, m.globals().getFirst().init().code());
    }

    @Test
    void quotedIdentifiersAndForwardReferences() {
        Module m = Wat.parseModule("(module (func (call $\"my f\") (call $g)) (func $\"my f\") (func $g))");
        assertEquals("100110020b", HexFormat.of().formatHex(m.bodies().getFirst().code()));
        assertEquals("my f", m.names().functionName(1));
    }

    @Test
    void bareFieldsWithoutModuleWrapper() {
        Module m = Wat.parseModule("(func) (memory 0)");
        assertEquals(1, m.functions().size());
        assertNull(m.names().moduleName());
    }

    @Test
    void numericIndicesOutOfRangeAreLeftToTheValidator() {
        Module m = Wat.parseModule("(module (func (call 7) (drop (global.get 3))))");
        assertEquals("100723031a0b", body("(module (func (call 7) (drop (global.get 3))))"));
        assertEquals(1, m.functions().size());
    }

    @Test
    void malformedTextIsRejectedWithTheSpecWording() {
        assertMalformed("unknown operator", "(module (func i32.bogus))");
        assertMalformed("unknown operator", "(module (func get_local 0))");
        assertMalformed("unexpected token", "(module (func (param i32) (result i32) \"s\"))");
        assertMalformed("mismatching label", "(module (func block $a end $b))");
        assertMalformed("mismatching label", "(module (func block end $b))");
        assertMalformed("unknown label", "(module (func (br $nowhere)))");
        assertMalformed("unknown function", "(module (func (call $nowhere)))");
        assertMalformed("unknown local", "(module (func (drop (local.get $x))))");
        assertMalformed("unknown type", "(module (func (type $t)))");
        assertMalformed("inline function type", "(module (type $t (func)) (func (type $t) (param i32)))");
        assertMalformed("import after function", "(module (func) (import \"a\" \"b\" (func)))");
        assertMalformed("import after global", "(module (global i32 (i32.const 0)) (global (import \"a\" \"b\") i32))");
        assertMalformed("duplicate func", "(module (func $f) (func $f))");
        assertMalformed("duplicate local", "(module (func (param $x i32) (local $x i32)))");
        assertMalformed("multiple start sections", "(module (func $f) (start $f) (start $f))");
        assertMalformed("constant out of range", "(module (func (drop (i32.const 4294967296))))");
        assertMalformed("constant out of range", "(module (func (drop (f32.const 1e39))))");
        assertMalformed("i32 constant out of range", "(module (memory 0x1_0000_0000))");
        assertMalformed("alignment", "(module (memory 1) (func (drop (i32.load align=0 (i32.const 0)))))");
        assertMalformed("malformed UTF-8 encoding", "(module (func (export \"\\ff\")))");
        assertMalformed("malformed lane index", "(module (func (param v128) (drop (i8x16.extract_lane_s 256"
                + " (local.get 0)))))");
        assertMalformed("invalid lane length", "(module (func (param v128) (drop (i8x16.shuffle 0 1"
                + " (local.get 0) (local.get 0)))))");
        assertMalformed("wrong number of lane literals", "(module (func (drop (v128.const i32x4 1 2 3))))");
        assertMalformed("unexpected token", "(module (func (block (result i32) (param i32))))");
        DecodeException e = assertThrows(DecodeException.class,
                () -> Wat.parseModule("(module\n  (func\n    i32.bogus))"));
        assertTrue(e.getMessage().contains("3:5") && e.getMessage().contains("i32.bogus"), e.getMessage());
    }

    private static void assertMalformed(String prefix, String wat) {
        DecodeException e = assertThrows(DecodeException.class, () -> Wat.parseModule(wat), wat);
        assertTrue(e.getMessage().startsWith(prefix), "expected '" + prefix + "' but got: " + e.getMessage());
    }
}

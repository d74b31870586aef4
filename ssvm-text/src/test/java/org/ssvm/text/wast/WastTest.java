package org.ssvm.text.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.DecodeException;
import org.ssvm.model.ValType;

class WastTest {

    @Test
    void modulesInTheirThreeForms() {
        Script s = Wast.parse("""
                (module $a (func (export "f") (result i32) (i32.const 1)))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (module $q quote "(func" " (nop))")
                """, "t.wast");
        assertEquals("t.wast", s.fileName());
        assertEquals(3, s.commands().size());
        var a = (Command.DefineModule) s.commands().get(0);
        assertEquals("$a", a.module().id());
        assertEquals(1, a.line());
        assertEquals(1, ((ModuleSource.Text) a.module().source()).module().functions().size());
        assertEquals("(module $a (func (export \"f\") (result i32) (i32.const 1)))",
                ((ModuleSource.Text) a.module().source()).sourceText());
        var b = (Command.DefineModule) s.commands().get(1);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) b.module().source()).bytes());
        assertEquals(2, b.line());
        var q = (Command.DefineModule) s.commands().get(2);
        assertEquals("$q", q.module().id());
        assertEquals("(func  (nop))", ((ModuleSource.Quote) q.module().source()).text());
    }

    @Test
    void actionsAndValues() {
        Script s = Wast.parse("""
                (invoke "run")
                (register "lib" $m)
                (assert_return (invoke $m "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -0.0)
                    (f64.const nan:0x1) (v128.const i16x8 1 2 3 4 5 6 7 0x8000) (ref.null extern) (ref.extern 7))
                  (i32.const 2))
                (assert_return (get "g") (f64.const 1.5))
                """, "t.wast");
        assertEquals(new Action.Invoke(null, "run", List.of()), ((Command.Perform) s.commands().get(0)).action());
        assertEquals(new Command.Register(2, "lib", "$m"), s.commands().get(1));
        var r = (Command.AssertReturn) s.commands().get(2);
        var inv = (Action.Invoke) r.action();
        assertEquals("$m", inv.moduleId());
        assertEquals(List.of(new Value.I32(-1), new Value.I64(-1), new Value.F32(0x80000000),
                new Value.F64(0x7FF0000000000001L), new Value.V128(0x0004000300020001L, 0x8000000700060005L),
                new Value.RefNull(ValType.EXTERNREF), new Value.RefExtern(7)), inv.args());
        assertEquals(List.of(new Expected.Exact(new Value.I32(2))), r.expected());
        var g = (Command.AssertReturn) s.commands().get(3);
        assertEquals(new Action.Get(null, "g"), g.action());
        assertEquals(List.of(new Expected.Exact(new Value.F64(0x3FF8000000000000L))), g.expected());
    }

    @Test
    void resultPatterns() {
        Script s = Wast.parse("""
                (assert_return (invoke "f") (f32.const nan:canonical) (f64.const nan:arithmetic) (ref.func)
                  (ref.extern) (ref.null func) (v128.const f32x4 nan:canonical 1.0 nan:arithmetic -nan)
                  (v128.const f64x2 1 2) (either (i32.const 1) (i32.const 2)))
                """, "t.wast");
        var r = (Command.AssertReturn) s.commands().getFirst();
        List<Expected> e = r.expected();
        assertEquals(new Expected.CanonicalNan(ValType.F32), e.get(0));
        assertEquals(new Expected.ArithmeticNan(ValType.F64), e.get(1));
        assertInstanceOf(Expected.AnyRefFunc.class, e.get(2));
        assertInstanceOf(Expected.AnyRefExtern.class, e.get(3));
        assertEquals(new Expected.Exact(new Value.RefNull(ValType.FUNCREF)), e.get(4));
        assertEquals(new Expected.V128Lanes(ValType.F32, List.of(new Expected.CanonicalNan(ValType.F32),
                new Expected.Exact(new Value.F32(0x3F800000)), new Expected.ArithmeticNan(ValType.F32),
                new Expected.Exact(new Value.F32(0xFFC00000)))), e.get(5));
        assertEquals(new Expected.Exact(new Value.V128(0x3FF0000000000000L, 0x4000000000000000L)), e.get(6));
        assertEquals(new Expected.Either(List.of(new Expected.Exact(new Value.I32(1)),
                new Expected.Exact(new Value.I32(2)))), e.get(7));
    }

    @Test
    void assertions() {
        Script s = Wast.parse("""
                (assert_trap (invoke "t") "unreachable")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_exhaustion (invoke "loop") "call stack exhausted")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_malformed (module quote "(func i32.bogus)") "unknown operator")
                (assert_malformed (module (func i32.bogus)) "unknown operator")
                (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
                (assert_uninstantiable (module binary "") "oops")
                """, "t.wast");
        var t = (Command.AssertTrap) s.commands().get(0);
        assertEquals("unreachable", t.message());
        assertNull(t.module());
        var tm = (Command.AssertTrap) s.commands().get(1);
        assertNull(tm.action());
        assertInstanceOf(ModuleSource.Text.class, tm.module().source());
        assertInstanceOf(Command.AssertExhaustion.class, s.commands().get(2));
        assertEquals("type mismatch", ((Command.AssertInvalid) s.commands().get(3)).message());
        var quoted = (Command.AssertMalformed) s.commands().get(4);
        assertEquals(new ModuleSource.Quote("(func i32.bogus)"), quoted.module().source());
        // a malformed text module is kept unparsed, as quoted source
        var text = (Command.AssertMalformed) s.commands().get(5);
        assertEquals("(module (func i32.bogus))", ((ModuleSource.Quote) text.module().source()).text());
        assertInstanceOf(Command.AssertUnlinkable.class, s.commands().get(6));
        assertInstanceOf(Command.AssertUninstantiable.class, s.commands().get(7));
        assertEquals(8, s.commands().get(7).line());
    }

    @Test
    void bareModuleFieldsFormOneModule() {
        Script s = Wast.parse("(func) (memory 0) (func (export \"f\"))", "inline.wast");
        assertEquals(1, s.commands().size());
        var m = (Command.DefineModule) s.commands().getFirst();
        assertEquals(2, ((ModuleSource.Text) m.module().source()).module().functions().size());
        assertEquals("(func) (memory 0) (func (export \"f\"))", ((ModuleSource.Text) m.module().source()).sourceText());
    }

    @Test
    void textModulesKeepTheirSourceAcrossLines() {
        Script s = Wast.parse("""
                ;; comment
                (assert_trap (module
                  (func $f unreachable) ;; inner comment
                  (start $f)) "unreachable")
                """, "t.wast");
        var t = (Command.AssertTrap) s.commands().getFirst();
        assertEquals("(module\n  (func $f unreachable) ;; inner comment\n  (start $f))",
                ((ModuleSource.Text) t.module().source()).sourceText());
        assertNull(new ModuleSource.Text(new org.ssvm.model.Module()).sourceText());
    }

    @Test
    void errorsNameTheFile() {
        DecodeException e = assertThrows(DecodeException.class, () -> Wast.parse("(assert_bogus)", "x.wast"));
        assertTrue(e.getMessage().startsWith("x.wast: "), e.getMessage());
        assertTrue(e.getMessage().contains("1:2"), e.getMessage());
    }
}

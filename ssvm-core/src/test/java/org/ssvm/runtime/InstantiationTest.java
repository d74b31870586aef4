package org.ssvm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ssvm.model.ValType.FUNCREF;
import static org.ssvm.model.ValType.I32;
import static org.ssvm.model.ValType.I64;
import static org.ssvm.testing.ModuleBuilder.t;

import org.junit.jupiter.api.Test;
import org.ssvm.LinkException;
import org.ssvm.Linker;
import org.ssvm.TrapException;
import org.ssvm.WasmInstance;
import org.ssvm.model.FuncType;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Limits;
import org.ssvm.model.MemoryType;
import org.ssvm.model.Opcode;
import org.ssvm.model.TableType;
import org.ssvm.testing.Code;
import org.ssvm.testing.ModuleBuilder;
import org.ssvm.testing.WasmTestBase;

class InstantiationTest extends WasmTestBase {

    @Test
    void unknownAndIncompatibleImports() {
        ModuleBuilder b = new ModuleBuilder();
        b.importFunc("env", "f", t(I32), I32);
        LinkException unknown = assertThrows(LinkException.class, () -> instantiate(b));
        assertTrue(unknown.getMessage().startsWith("unknown import"), unknown.getMessage());
        Linker wrongType = runtime.linker().function("env", "f", new FuncType(t(I64), t(I32)), args -> new Object[] {1});
        LinkException e = assertThrows(LinkException.class, () -> instantiate(wrongType, b));
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());

        ModuleBuilder m = new ModuleBuilder();
        m.importMemory("env", "mem", Limits.of(2, 4));
        Linker small = runtime.linker().memory("env", "mem", new Memory(new MemoryType(Limits.of(1, 4))));
        assertThrows(LinkException.class, () -> instantiate(small, m));
        Linker noMax = runtime.linker().memory("env", "mem", new Memory(new MemoryType(Limits.of(2))));
        assertThrows(LinkException.class, () -> instantiate(noMax, m));
        Memory grown = new Memory(new MemoryType(Limits.of(1, 3)));
        grown.grow(1);
        assertNotNull(instantiate(runtime.linker().memory("env", "mem", grown), m));

        ModuleBuilder g = new ModuleBuilder();
        g.importGlobal("env", "g", new GlobalType(I32, true));
        Linker immutable = runtime.linker().global("env", "g", new Global(new GlobalType(I32, false)));
        assertThrows(LinkException.class, () -> instantiate(immutable, g));

        ModuleBuilder tb = new ModuleBuilder();
        tb.importTable("env", "t", new TableType(FUNCREF, Limits.of(1)));
        Linker externTable = runtime.linker().table("env", "t",
                new Table(new TableType(org.ssvm.model.ValType.EXTERNREF, Limits.of(1)), null));
        assertThrows(LinkException.class, () -> instantiate(externTable, tb));
    }

    @Test
    void failedSegmentKeepsEarlierWritesInSharedMemoryAndTable() {
        Memory mem = new Memory(new MemoryType(Limits.of(1)));
        Table table = new Table(new TableType(FUNCREF, Limits.of(2)), null);
        ModuleBuilder b = new ModuleBuilder();
        b.importMemory("env", "mem", Limits.of(1));
        b.importTable("env", "tab", new TableType(FUNCREF, Limits.of(2)));
        int f = b.func(null, t(), t(), Code.of().end());
        b.activeElem(0, 1, f);
        b.activeData(10, new byte[] {42});
        b.activeData(65535, new byte[] {1, 2});
        Linker linker = runtime.linker().memory("env", "mem", mem).table("env", "tab", table);
        TrapException e = assertThrows(TrapException.class, () -> instantiate(linker, b));
        assertEquals("out of bounds memory access", e.getMessage());
        assertEquals(42, mem.loadByte(10));
        assertEquals(0, mem.loadByte(65535));
        assertNotNull(table.get(1));

        ModuleBuilder t2 = new ModuleBuilder();
        t2.importMemory("env", "mem", Limits.of(1));
        t2.importTable("env", "tab", new TableType(FUNCREF, Limits.of(2)));
        int g = t2.func(null, t(), t(), Code.of().end());
        t2.activeElem(0, 0, g);
        t2.activeElem(0, 2, g);
        t2.activeData(11, new byte[] {43});
        TrapException te = assertThrows(TrapException.class, () -> instantiate(linker, t2));
        assertEquals("out of bounds table access", te.getMessage());
        assertEquals(0, mem.loadByte(11)); // data segments come after the failing element segment
    }

    @Test
    void startFunctionRunsAndMayTrap() {
        ModuleBuilder b = new ModuleBuilder();
        b.memory("mem", Limits.of(1));
        int start = b.func(null, t(), t(), Code.of().i32(0).i32(99).mem(Opcode.I32_STORE, 0).end());
        b.start(start);
        WasmInstance inst = instantiate(b);
        assertEquals(99, inst.memory("mem").loadInt(0));

        ModuleBuilder bad = new ModuleBuilder();
        bad.start(bad.func(null, t(), t(), Code.of().op(Opcode.UNREACHABLE).end()));
        assertEquals("unreachable", assertThrows(TrapException.class, () -> instantiate(bad)).getMessage());
    }

    @Test
    void registeredInstancesShareState() {
        ModuleBuilder lib = new ModuleBuilder();
        lib.memory("memory", Limits.of(1));
        lib.global("g", I32, true, org.ssvm.model.Expr.i32Const(5));
        lib.func("get", t(), t(I32), Code.of().i32(0).mem(Opcode.I32_LOAD, 0).end());
        Linker linker = runtime.linker();
        WasmInstance libInst = instantiate(linker, lib);
        linker.register("lib", libInst);

        ModuleBuilder app = new ModuleBuilder();
        app.importMemory("lib", "memory", Limits.of(1));
        app.importGlobal("lib", "g", new GlobalType(I32, true));
        int get = app.importFunc("lib", "get", t(), I32);
        app.func("run", t(), t(I32), Code.of().i32(0).op(Opcode.GLOBAL_GET, 0).mem(Opcode.I32_STORE, 0)
                .op(Opcode.CALL, get).end());
        WasmInstance appInst = instantiate(linker, app);
        assertEquals(5, appInst.function("run").call()[0]);
        libInst.setGlobal("g", 8);
        assertEquals(8, appInst.function("run").call()[0]);
        assertNull(libInst.raw().export("nothing"));
    }
}

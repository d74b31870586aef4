package org.ssvm.binary;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ssvm.model.CustomSection;
import org.ssvm.model.DataSegment;
import org.ssvm.model.ElementSegment;
import org.ssvm.model.Export;
import org.ssvm.model.Expr;
import org.ssvm.model.FuncType;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Global;
import org.ssvm.model.GlobalType;
import org.ssvm.model.Import;
import org.ssvm.model.ImportDesc;
import org.ssvm.model.Limits;
import org.ssvm.model.Module;
import org.ssvm.model.NameSection;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

/**
 * Encodes a {@link Module} in the WebAssembly 2.0 binary format: the inverse of {@link ModuleDecoder}.
 *
 * <p>Custom sections are written after the data section, in their original order. A {@code name} section
 * is generated from {@link Module#names()} unless the module already carries one verbatim. Element segments
 * use the compact function-index forms when every element is {@code ref.func} of type funcref.
 */
public final class ModuleEncoder {
    private final Module module;
    private final ByteWriter out = new ByteWriter();

    private ModuleEncoder(Module module) {
        this.module = module;
    }

    public static byte[] encode(Module module) {
        return new ModuleEncoder(module).encode();
    }

    private byte[] encode() {
        out.i32LE(0x6D736100).i32LE(1);
        if (!module.types().isEmpty()) {
            section(1, this::types);
        }
        if (!module.imports().isEmpty()) {
            section(2, this::imports);
        }
        if (!module.functions().isEmpty()) {
            section(3, w -> {
                w.u32(module.functions().size());
                for (int typeIndex : module.functions()) {
                    w.u32(typeIndex);
                }
            });
        }
        if (!module.tables().isEmpty()) {
            section(4, w -> {
                w.u32(module.tables().size());
                module.tables().forEach(t -> tableType(w, t));
            });
        }
        if (!module.memories().isEmpty()) {
            section(5, w -> {
                w.u32(module.memories().size());
                module.memories().forEach(m -> limits(w, m.limits()));
            });
        }
        if (!module.globals().isEmpty()) {
            section(6, w -> {
                w.u32(module.globals().size());
                for (Global g : module.globals()) {
                    globalType(w, g.type());
                    w.bytes(g.init().code());
                }
            });
        }
        if (!module.exports().isEmpty()) {
            section(7, w -> {
                w.u32(module.exports().size());
                for (Export e : module.exports()) {
                    w.name(e.name()).u8(e.kind().code()).u32(e.index());
                }
            });
        }
        if (module.start() != null) {
            section(8, w -> w.u32(module.start()));
        }
        if (!module.elements().isEmpty()) {
            section(9, this::elements);
        }
        if (module.dataCount() != null) {
            section(12, w -> w.u32(module.dataCount()));
        }
        if (!module.bodies().isEmpty()) {
            section(10, this::code);
        }
        if (!module.data().isEmpty()) {
            section(11, this::data);
        }
        boolean hasNameSection = false;
        for (CustomSection c : module.customSections()) {
            hasNameSection |= c.name().equals("name");
            section(0, w -> w.name(c.name()).bytes(c.data()));
        }
        NameSection names = module.names();
        boolean hasNames = names.moduleName() != null || !names.functionNames().isEmpty()
                || !names.localNames().isEmpty();
        if (hasNames && !hasNameSection) {
            section(0, w -> {
                w.name("name");
                names(w, names);
            });
        }
        return out.toByteArray();
    }

    private interface Body {
        void write(ByteWriter w);
    }

    private void section(int id, Body body) {
        ByteWriter w = new ByteWriter();
        body.write(w);
        out.u8(id).u32(w.size()).bytes(w.toByteArray());
    }

    private void types(ByteWriter w) {
        w.u32(module.types().size());
        for (FuncType t : module.types()) {
            w.u8(0x60).u32(t.paramCount());
            for (int i = 0; i < t.paramCount(); i++) {
                w.u8(t.param(i).code());
            }
            w.u32(t.resultCount());
            for (int i = 0; i < t.resultCount(); i++) {
                w.u8(t.result(i).code());
            }
        }
    }

    private void imports(ByteWriter w) {
        w.u32(module.imports().size());
        for (Import imp : module.imports()) {
            w.name(imp.module()).name(imp.name()).u8(imp.desc().kind().code());
            // instanceof rather than a pattern switch, whose bootstrap costs about a millisecond of every start
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                w.u32(f.typeIndex());
            } else if (d instanceof ImportDesc.Table t) {
                tableType(w, t.type());
            } else if (d instanceof ImportDesc.Memory m) {
                limits(w, m.type().limits());
            } else if (d instanceof ImportDesc.Global g) {
                globalType(w, g.type());
            }
        }
    }

    private static void tableType(ByteWriter w, TableType t) {
        w.u8(t.elementType().code());
        limits(w, t.limits());
    }

    private static void limits(ByteWriter w, Limits l) {
        w.u8(l.hasMax() ? 1 : 0).u32((int) l.min());
        if (l.hasMax()) {
            w.u32((int) l.max());
        }
    }

    private static void globalType(ByteWriter w, GlobalType t) {
        w.u8(t.valueType().code()).u8(t.mutable() ? 1 : 0);
    }

    private void elements(ByteWriter w) {
        w.u32(module.elements().size());
        for (ElementSegment e : module.elements()) {
            boolean indices = e.type() == ValType.FUNCREF && allRefFunc(e.init());
            boolean active = e.mode() == SegmentMode.ACTIVE;
            // Flags: bit 0 passive/declarative, bit 1 explicit table (active) or declarative, bit 2 exprs.
            int flags = switch (e.mode()) {
                case ACTIVE -> e.tableIndex() == 0 && e.type() == ValType.FUNCREF ? 0 : 2;
                case PASSIVE -> 1;
                case DECLARATIVE -> 3;
            };
            if (!indices) {
                flags |= 4;
            }
            w.u32(flags);
            if (active) {
                if ((flags & 2) != 0) {
                    w.u32(e.tableIndex());
                }
                w.bytes(e.offset().code());
            }
            if ((flags & 3) != 0) {
                w.u8(indices ? 0x00 : e.type().code());
            }
            w.u32(e.init().size());
            for (Expr x : e.init()) {
                if (indices) {
                    w.u32(refFuncIndex(x));
                } else {
                    w.bytes(x.code());
                }
            }
        }
    }

    private static boolean allRefFunc(List<Expr> init) {
        for (Expr x : init) {
            if (!isRefFunc(x)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the expression is exactly {@code ref.func i end}. */
    private static boolean isRefFunc(Expr x) {
        byte[] c = x.code();
        if (c.length < 3 || (c[0] & 0xFF) != 0xD2 || c[c.length - 1] != 0x0B) {
            return false;
        }
        try {
            BinaryReader r = new BinaryReader(c, 1, c.length, 0);
            r.u32();
            return r.position() == c.length - 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The function index (as unsigned u32 bits) of an expression known to be {@code ref.func i end}. */
    private static int refFuncIndex(Expr x) {
        return new BinaryReader(x.code(), 1, x.code().length, 0).u32();
    }

    private void code(ByteWriter w) {
        w.u32(module.bodies().size());
        for (FunctionBody body : module.bodies()) {
            ByteWriter f = new ByteWriter();
            ValType[] locals = body.locals();
            int groups = 0;
            for (int i = 0; i < locals.length; i++) {
                if (i == 0 || locals[i] != locals[i - 1]) {
                    groups++;
                }
            }
            f.u32(groups);
            int i = 0;
            while (i < locals.length) {
                int j = i;
                while (j < locals.length && locals[j] == locals[i]) {
                    j++;
                }
                f.u32(j - i).u8(locals[i].code());
                i = j;
            }
            f.bytes(body.code());
            w.u32(f.size()).bytes(f.toByteArray());
        }
    }

    private void data(ByteWriter w) {
        w.u32(module.data().size());
        for (DataSegment d : module.data()) {
            if (d.mode() == SegmentMode.PASSIVE) {
                w.u32(1);
            } else if (d.memoryIndex() == 0) {
                w.u32(0).bytes(d.offset().code());
            } else {
                w.u32(2).u32(d.memoryIndex()).bytes(d.offset().code());
            }
            w.u32(d.bytes().length).bytes(d.bytes());
        }
    }

    private static void names(ByteWriter w, NameSection names) {
        if (names.moduleName() != null) {
            ByteWriter s = new ByteWriter().name(names.moduleName());
            w.u8(0).u32(s.size()).bytes(s.toByteArray());
        }
        if (!names.functionNames().isEmpty()) {
            ByteWriter s = new ByteWriter();
            nameMap(s, names.functionNames());
            w.u8(1).u32(s.size()).bytes(s.toByteArray());
        }
        if (!names.localNames().isEmpty()) {
            ByteWriter s = new ByteWriter();
            TreeMap<Integer, Map<Integer, String>> sorted = new TreeMap<>(Integer::compareUnsigned);
            sorted.putAll(names.localNames());
            s.u32(sorted.size());
            sorted.forEach((func, map) -> {
                s.u32(func);
                nameMap(s, map);
            });
            w.u8(2).u32(s.size()).bytes(s.toByteArray());
        }
    }

    private static void nameMap(ByteWriter w, Map<Integer, String> map) {
        TreeMap<Integer, String> sorted = new TreeMap<>(Integer::compareUnsigned);
        sorted.putAll(map);
        w.u32(sorted.size());
        sorted.forEach((index, name) -> w.u32(index).name(name));
    }
}

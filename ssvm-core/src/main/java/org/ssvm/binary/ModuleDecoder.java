package org.ssvm.binary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ssvm.DecodeException;
import org.ssvm.model.CustomSection;
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
import org.ssvm.model.Opcode;
import org.ssvm.model.DataSegment;
import org.ssvm.model.SegmentMode;
import org.ssvm.model.TableType;
import org.ssvm.model.ValType;

/**
 * Decodes a WebAssembly 2.0 binary module into a {@link Module}.
 *
 * <p>Malformed input fails with a {@link DecodeException} whose category is the spec reference
 * interpreter's wording. To report the same category in the same situations, the decoder reads the way the
 * reference does: every read is bounded only by the end of the file, and declared section and function
 * sizes are checked after their contents have been read ("section size mismatch"). Function bodies are
 * checked instruction by instruction for well-formedness, not typed: that is the validator's job.
 */
public final class ModuleDecoder {
    /** More locals than this in one function is refused, as engines do, instead of exhausting memory. */
    public static final int MAX_LOCALS = 50_000;

    private static final int FRAME_BLOCK = 0;
    private static final int FRAME_IF = 1;
    private static final int FRAME_ELSE = 2;

    /** Position of each non-custom section id in the required order (data count sits before code). */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

    private final byte[] bytes;
    private final CodeReader r;
    private final Module module = new Module();
    private boolean bodiesUseDataIndex;
    private byte[] frames = new byte[16];
    private int[] localCounts = new int[8];
    private ValType[] localTypes = new ValType[8];

    private ModuleDecoder(byte[] bytes) {
        this.bytes = bytes;
        this.r = new CodeReader(bytes, 0, bytes.length, 0);
    }

    /** Decodes a whole module; throws {@link DecodeException} if the bytes are malformed. */
    public static Module decode(byte[] bytes) {
        return new ModuleDecoder(bytes).module();
    }

    private Module module() {
        header();
        int lastOrder = 0;
        while (r.hasMore()) {
            int idAt = r.position();
            int id = r.u8();
            if (id >= ORDER.length) {
                throw r.error("malformed section id", idAt);
            }
            if (id != 0) {
                if (ORDER[id] <= lastOrder) {
                    throw r.error("unexpected content after last section", idAt);
                }
                lastOrder = ORDER[id];
            }
            int size = r.len32();
            int start = r.position();
            switch (id) {
                case 0 -> customSection(start, size);
                case 1 -> typeSection();
                case 2 -> importSection();
                case 3 -> functionSection();
                case 4 -> tableSection();
                case 5 -> memorySection();
                case 6 -> globalSection();
                case 7 -> exportSection();
                case 8 -> module.setStart(r.u32());
                case 9 -> elementSection();
                case 10 -> codeSection();
                case 11 -> dataSection();
                case 12 -> module.setDataCount(r.u32());
                default -> throw new AssertionError(id);
            }
            if (r.position() != start + size) {
                throw r.error("section size mismatch", start);
            }
        }
        int end = bytes.length;
        if (module.functions().size() != module.bodies().size()) {
            throw r.error("function and code section have inconsistent lengths", end);
        }
        Integer dataCount = module.dataCount();
        if (dataCount != null && dataCount != module.data().size()) {
            throw r.error("data count and data section have inconsistent lengths", end);
        }
        if (dataCount == null && bodiesUseDataIndex) {
            throw r.error("data count section required", end);
        }
        return module;
    }

    private void header() {
        if (bytes.length < 4) {
            throw new DecodeException("unexpected end", bytes.length);
        }
        if (r.i32LE() != 0x6D736100) {
            throw new DecodeException("magic header not detected", 0);
        }
        if (bytes.length < 8) {
            throw new DecodeException("unexpected end", bytes.length);
        }
        if (r.i32LE() != 1) {
            throw new DecodeException("unknown binary version", 4);
        }
    }

    // ---- sections ----

    private void customSection(int start, int size) {
        String name = r.name();
        int dataStart = r.position();
        int end = start + size;
        if (dataStart > end || end > bytes.length) {
            throw r.error(BinaryReader.UNEXPECTED_END, bytes.length);
        }
        byte[] data = Arrays.copyOfRange(bytes, dataStart, end);
        r.setPosition(end);
        module.customSections().add(new CustomSection(name, data));
        if (name.equals("name")) {
            NameSectionReader.read(data, module.names());
        }
    }

    private void typeSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            int at = r.position();
            int form = r.u8();
            if (form != 0x60) {
                throw r.error(form >= 0x80 ? "integer representation too long" : "malformed function type", at);
            }
            ValType[] params = valTypes();
            ValType[] results = valTypes();
            module.types().add(new FuncType(params, results));
        }
    }

    private ValType[] valTypes() {
        int n = r.len32();
        ValType[] types = new ValType[n];
        for (int i = 0; i < n; i++) {
            types[i] = r.valType();
        }
        return types;
    }

    private void importSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            String moduleName = r.name();
            String name = r.name();
            int at = r.position();
            ImportDesc desc = switch (r.u8()) {
                case 0x00 -> new ImportDesc.Func(r.u32());
                case 0x01 -> new ImportDesc.Table(tableType());
                case 0x02 -> new ImportDesc.Memory(memoryType());
                case 0x03 -> new ImportDesc.Global(globalType());
                default -> throw r.error("malformed import kind", at);
            };
            module.imports().add(new Import(moduleName, name, desc));
        }
    }

    private void functionSection() {
        int n = r.len32();
        List<Integer> functions = module.functions();
        for (int i = 0; i < n; i++) {
            functions.add(r.u32());
        }
    }

    private void tableSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            module.tables().add(tableType());
        }
    }

    private void memorySection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            module.memories().add(memoryType());
        }
    }

    private void globalSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            GlobalType type = globalType();
            module.globals().add(new Global(type, constExpr()));
        }
    }

    private void exportSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            String name = r.name();
            int at = r.position();
            ExternKind kind = ExternKind.fromCode(r.u8());
            if (kind == null) {
                throw r.error("malformed export kind", at);
            }
            module.exports().add(new Export(name, kind, r.u32()));
        }
    }

    private void elementSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            int at = r.position();
            int flags = r.u32();
            if (Integer.compareUnsigned(flags, 7) > 0) {
                throw r.error("malformed elements segment kind", at);
            }
            // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative;
            // bit 2: elements are expressions rather than function indices.
            SegmentMode mode;
            int table = 0;
            Expr offset = null;
            if ((flags & 1) == 0) {
                mode = SegmentMode.ACTIVE;
                if ((flags & 2) != 0) {
                    table = r.u32();
                }
                offset = constExpr();
            } else {
                mode = (flags & 2) == 0 ? SegmentMode.PASSIVE : SegmentMode.DECLARATIVE;
            }
            boolean expressions = (flags & 4) != 0;
            ValType type = ValType.FUNCREF;
            if ((flags & 3) != 0) {
                type = expressions ? r.refType() : elemKind();
            }
            int count = r.len32();
            List<Expr> init = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                init.add(expressions ? constExpr() : Expr.refFunc(r.u32()));
            }
            module.elements().add(new ElementSegment(mode, table, offset, type, init));
        }
    }

    private ValType elemKind() {
        int at = r.position();
        if (r.u8() != 0x00) {
            throw r.error("malformed element kind", at);
        }
        return ValType.FUNCREF;
    }

    private void codeSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            int size = r.len32();
            int start = r.position();
            ValType[] locals = locals();
            int codeOffset = r.position();
            scanInstructions(true);
            if (r.position() != start + size) {
                throw r.error("section size mismatch", start);
            }
            byte[] code = Arrays.copyOfRange(bytes, codeOffset, r.position());
            module.bodies().add(new FunctionBody(locals, code, codeOffset));
        }
    }

    private ValType[] locals() {
        int at = r.position();
        int groups = r.len32();
        if (groups > localCounts.length) {
            localCounts = new int[groups];
            localTypes = new ValType[groups];
        }
        long total = 0;
        for (int g = 0; g < groups; g++) {
            localCounts[g] = r.u32();
            localTypes[g] = r.valType();
            total += Integer.toUnsignedLong(localCounts[g]);
        }
        if (total > MAX_LOCALS) {
            throw r.error("too many locals", at);
        }
        ValType[] locals = new ValType[(int) total];
        int k = 0;
        for (int g = 0; g < groups; g++) {
            Arrays.fill(locals, k, k + localCounts[g], localTypes[g]);
            k += localCounts[g];
        }
        return locals;
    }

    private void dataSection() {
        int n = r.len32();
        for (int i = 0; i < n; i++) {
            int at = r.position();
            int flags = r.u32();
            DataSegment segment = switch (flags) {
                case 0 -> {
                    Expr offset = constExpr();
                    yield new DataSegment(SegmentMode.ACTIVE, 0, offset, byteVector());
                }
                case 1 -> new DataSegment(SegmentMode.PASSIVE, 0, null, byteVector());
                case 2 -> {
                    int memory = r.u32();
                    Expr offset = constExpr();
                    yield new DataSegment(SegmentMode.ACTIVE, memory, offset, byteVector());
                }
                default -> throw r.error("malformed data segment kind", at);
            };
            module.data().add(segment);
        }
    }

    private byte[] byteVector() {
        int n = r.len32();
        int start = r.position();
        r.skip(n);
        return Arrays.copyOfRange(bytes, start, start + n);
    }

    // ---- types ----

    private TableType tableType() {
        ValType element = r.refType();
        return new TableType(element, limits());
    }

    private MemoryType memoryType() {
        return new MemoryType(limits());
    }

    private Limits limits() {
        boolean hasMax = r.u1() == 1;
        long min = Integer.toUnsignedLong(r.u32());
        return hasMax ? Limits.of(min, Integer.toUnsignedLong(r.u32())) : Limits.of(min);
    }

    private GlobalType globalType() {
        ValType type = r.valType();
        int at = r.position();
        int mutability = r.u8();
        if (mutability > 1) {
            throw r.error("malformed mutability", at);
        }
        return new GlobalType(type, mutability == 1);
    }

    // ---- instructions ----

    private Expr constExpr() {
        int start = r.position();
        scanInstructions(false);
        return new Expr(Arrays.copyOfRange(bytes, start, r.position()));
    }

    /**
     * Reads instructions up to and including the {@code end} that closes the sequence, checking that
     * {@code block}/{@code loop}/{@code if}, {@code else} and {@code end} nest properly.
     */
    private void scanInstructions(boolean functionBody) {
        int depth = 0;
        while (true) {
            int b = r.peek();
            if (b < 0) {
                throw r.error(BinaryReader.UNEXPECTED_END, r.limit());
            }
            if (b == 0x0B) {
                r.setPosition(r.position() + 1);
                if (depth == 0) {
                    return;
                }
                depth--;
                continue;
            }
            if (b == 0x05) {
                if (depth > 0 && frames[depth - 1] == FRAME_IF) {
                    r.setPosition(r.position() + 1);
                    frames[depth - 1] = FRAME_ELSE;
                    continue;
                }
                throw r.error("END opcode expected", r.position());
            }
            Opcode op = r.next();
            switch (op) {
                case BLOCK, LOOP, IF -> {
                    if (depth == frames.length) {
                        frames = Arrays.copyOf(frames, depth * 2);
                    }
                    frames[depth++] = (byte) (op == Opcode.IF ? FRAME_IF : FRAME_BLOCK);
                }
                case MEMORY_INIT, DATA_DROP -> bodiesUseDataIndex |= functionBody;
                default -> { }
            }
        }
    }

    /** Reads the {@code name} custom section; a malformed one is ignored, as the spec allows. */
    static final class NameSectionReader {
        private NameSectionReader() {
        }

        static void read(byte[] data, org.ssvm.model.NameSection names) {
            String moduleName = null;
            Map<Integer, String> functions = new HashMap<>();
            Map<Integer, Map<Integer, String>> locals = new HashMap<>();
            try {
                BinaryReader in = new BinaryReader(data, 0, data.length, 0);
                while (in.hasMore()) {
                    int id = in.u8();
                    int size = in.len32();
                    int end = in.position() + size;
                    if (end > data.length) {
                        return;
                    }
                    BinaryReader sub = new BinaryReader(data, in.position(), end, 0);
                    switch (id) {
                        case 0 -> moduleName = sub.name();
                        case 1 -> nameMap(sub, functions);
                        case 2 -> {
                            int n = sub.len32();
                            for (int i = 0; i < n; i++) {
                                int func = sub.u32();
                                Map<Integer, String> map = new HashMap<>();
                                nameMap(sub, map);
                                locals.put(func, map);
                            }
                        }
                        default -> sub.setPosition(end);
                    }
                    in.setPosition(end);
                }
            } catch (DecodeException e) {
                return;
            }
            if (moduleName != null) {
                names.setModuleName(moduleName);
            }
            names.functionNames().putAll(functions);
            names.localNames().putAll(locals);
        }

        private static void nameMap(BinaryReader in, Map<Integer, String> map) {
            int n = in.len32();
            for (int i = 0; i < n; i++) {
                int index = in.u32();
                map.put(index, in.name());
            }
        }
    }
}

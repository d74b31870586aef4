package org.ssvm.compiler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.ssvm.TrapException;
import org.ssvm.model.FuncType;
import org.ssvm.model.Opcode;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.runtime.HostFunction;
import org.ssvm.runtime.Instantiator;
import org.ssvm.runtime.Memory;
import org.ssvm.runtime.Table;
import org.ssvm.runtime.simd.SimdOps;

/**
 * Static helpers called by generated code: bounds-checked little-endian memory access, globals, tables, calls
 * in the raw convention and traps. Each is tiny so that the JIT inlines it into the calling Wasm function.
 * Public only because generated classes live in their own class loader.
 */
public final class Rt {
    private Rt() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] ZERO_V128 = new long[2];

    // ---- loading: a generated class's static initializer hands over its entry (see CodeEntry) ----

    private static final ThreadLocal<CodeEntry> PUBLISHED = new ThreadLocal<>();

    /** Called by the static initializer of a generated class, on the thread that loads it. */
    public static void publish(CodeEntry entry) { PUBLISHED.set(entry); }

    /** The entry the class just initialized on this thread published (null if none), forgotten here. */
    static CodeEntry takePublished() {
        CodeEntry entry = PUBLISHED.get();
        PUBLISHED.remove();
        return entry;
    }

    /** The default of a {@link CodeEntry} switch: a function index the class does not hold. */
    public static IllegalStateException noSuchFunction(int funcIndex) {
        return new IllegalStateException("no compiled function " + funcIndex + " in this class");
    }

    // ---- memory: addr and off are unsigned 32-bit values ----
    //
    // An access of n bytes at addr + off (off a constant of the instruction) is in bounds iff both addr and
    // addr + off (as ints) are below R = m.length - (n - 1), compared unsigned: a memory is under 2 GiB, so
    // addr < R rules out an addr of 2^31 or more and then addr + off cannot wrap around to a small index (an off
    // of 2^31 or more is out of bounds at any addr, tested first; it folds away once the helper is inlined).
    // Both tests are range checks on the same R, which C2 merges across accesses to one base, hoists out of
    // loops, and shares with the check the array access (or byte-array VarHandle) makes anyway: our own check is
    // Objects.checkIndex(addr, R), the access itself checks addr + off against the same R. Either check's
    // IndexOutOfBoundsException becomes the trap right here, so its stack trace is the Wasm backtrace.

    public static int ldI32(int addr, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 3);
            return (int) INT.get(m, offset(addr, off));
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static long ldI64(int addr, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 7);
            return (long) LONG.get(m, offset(addr, off));
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static float ldF32(int addr, int off, byte[] m) { return Float.intBitsToFloat(ldI32(addr, off, m)); }

    public static double ldF64(int addr, int off, byte[] m) { return Double.longBitsToDouble(ldI64(addr, off, m)); }

    public static int ld8s(int addr, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length);
            return m[offset(addr, off)];
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static int ld8u(int addr, int off, byte[] m) { return ld8s(addr, off, m) & 0xFF; }

    public static int ld16s(int addr, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 1);
            return (short) SHORT.get(m, offset(addr, off));
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static int ld16u(int addr, int off, byte[] m) { return ld16s(addr, off, m) & 0xFFFF; }

    public static void stI32(int addr, int v, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 3);
            INT.set(m, offset(addr, off), v);
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static void stI64(int addr, long v, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 7);
            LONG.set(m, offset(addr, off), v);
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static void stF32(int addr, float v, int off, byte[] m) { stI32(addr, Float.floatToRawIntBits(v), off, m); }

    public static void stF64(int addr, double v, int off, byte[] m) {
        stI64(addr, Double.doubleToRawLongBits(v), off, m);
    }

    public static void st8(int addr, int v, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length);
            m[offset(addr, off)] = (byte) v;
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    public static void st16(int addr, int v, int off, byte[] m) {
        try {
            Objects.checkIndex(addr, m.length - 1);
            SHORT.set(m, offset(addr, off), (short) v);
        } catch (IndexOutOfBoundsException e) {
            throw Memory.outOfBounds();
        }
    }

    /** addr + off as an index once addr passed its check; an off of 2^31 or more is never in bounds. */
    private static int offset(int addr, int off) {
        if (off < 0) {
            throw Memory.outOfBounds();
        }
        return addr + off;
    }

    public static int memSize(Ctx c) { return c.memory.pages(); }

    public static int memGrow(int delta, Ctx c) { return c.memory.grow(delta & 0xFFFF_FFFFL); }

    public static void memFill(int d, int v, int n, Ctx c) {
        c.memory.fill(d & 0xFFFF_FFFFL, (byte) v, n & 0xFFFF_FFFFL);
    }

    public static void memCopy(int d, int s, int n, Ctx c) {
        c.memory.copy(d & 0xFFFF_FFFFL, s & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void memInit(int d, int s, int n, Ctx c, int seg) {
        Instantiator.memoryInit(c.instance, 0, seg, d & 0xFFFF_FFFFL, s & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void dataDrop(Ctx c, int seg) { c.instance.dropDataSegment(seg); }

    // ---- globals ----

    public static int globI(Ctx c, int i) { return (int) c.globals[i].bits; }

    public static long globL(Ctx c, int i) { return c.globals[i].bits; }

    public static float globF(Ctx c, int i) { return Float.intBitsToFloat((int) c.globals[i].bits); }

    public static double globD(Ctx c, int i) { return Double.longBitsToDouble(c.globals[i].bits); }

    public static Object globR(Ctx c, int i) { return c.globals[i].ref; }

    public static long[] globV(Ctx c, int i) {
        Global g = c.globals[i];
        return new long[] {g.bits, g.bitsHigh};
    }

    public static void setGlobI(int v, Ctx c, int i) { c.globals[i].bits = v & 0xFFFF_FFFFL; }

    public static void setGlobL(long v, Ctx c, int i) { c.globals[i].bits = v; }

    public static void setGlobF(float v, Ctx c, int i) { c.globals[i].bits = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL; }

    public static void setGlobD(double v, Ctx c, int i) { c.globals[i].bits = Double.doubleToRawLongBits(v); }

    public static void setGlobR(Object v, Ctx c, int i) { c.globals[i].ref = v; }

    public static void setGlobV(long[] v, Ctx c, int i) {
        Global g = c.globals[i];
        g.bits = v[0];
        g.bitsHigh = v[1];
    }

    // ---- references and tables ----

    public static Object refFunc(Ctx c, int f) { return c.functions[f]; }

    public static Object tableGet(int i, Ctx c, int t) { return c.tables[t].get(i & 0xFFFF_FFFFL); }

    public static void tableSet(int i, Object v, Ctx c, int t) { c.tables[t].set(i & 0xFFFF_FFFFL, v); }

    public static int tableSize(Ctx c, int t) { return c.tables[t].size(); }

    public static int tableGrow(Object init, int n, Ctx c, int t) { return c.tables[t].grow(n & 0xFFFF_FFFFL, init); }

    public static void tableFill(int i, Object v, int n, Ctx c, int t) {
        Table table = c.tables[t];
        long start = i & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (start + len > table.size()) {
            throw new TrapException("out of bounds table access");
        }
        Arrays.fill(table.array(), (int) start, (int) (start + len), v);
    }

    public static void tableCopy(int d, int s, int n, Ctx c, int dt, int st) {
        Table dst = c.tables[dt];
        Table src = c.tables[st];
        long dd = d & 0xFFFF_FFFFL;
        long ss = s & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (ss + len > src.size() || dd + len > dst.size()) {
            throw new TrapException("out of bounds table access");
        }
        System.arraycopy(src.array(), (int) ss, dst.array(), (int) dd, (int) len);
    }

    public static void tableInit(int d, int s, int n, Ctx c, int seg, int t) {
        Instantiator.tableInit(c.instance, t, seg, d & 0xFFFF_FFFFL, s & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void elemDrop(Ctx c, int seg) { c.instance.dropElementSegment(seg); }

    // ---- calls in the raw convention ----

    /** Resolves the target of {@code call_indirect}, trapping as the spec (and the interpreter) does. */
    public static FunctionInstance indirect(int i, Ctx c, int typeIndex, int tableIndex) {
        Object[] elements = c.tables[tableIndex].array();
        if (Integer.compareUnsigned(i, elements.length) >= 0) {
            throw new TrapException("undefined element " + Integer.toUnsignedString(i));
        }
        Object e = elements[i];
        if (e == null) {
            throw new TrapException("uninitialized element " + i);
        }
        FunctionInstance f = (FunctionInstance) e;
        FuncType want = c.instance.type(typeIndex);
        if (f.type() != want && !f.type().equals(want)) {
            throw new TrapException("indirect call type mismatch");
        }
        return f;
    }

    /**
     * The typed method handle of {@code f} when it is a compiled function of the caller's own instance (so that
     * call_indirect can skip the raw convention), else null.
     */
    public static java.lang.invoke.MethodHandle direct(FunctionInstance f, Ctx c) {
        return f instanceof CompiledFunction cf && cf.state == c.state ? c.code.direct(cf.index) : null;
    }

    /** The index of {@code f} when it is a compiled function of the caller's own instance, else -1. */
    public static int sameInstanceIndex(FunctionInstance f, Ctx c) {
        return f instanceof CompiledFunction cf && cf.state == c.state ? cf.index : -1;
    }

    /** Calls {@code f} with arguments (and afterwards results) in {@code s}/{@code r} from slot 0. */
    public static void callRaw(FunctionInstance f, long[] s, Object[] r, Ctx c) {
        if (f instanceof HostFunction h) {
            h.invokeFrom(c.instance, s, r, 0);
        } else {
            f.invoke(s, r, 0);
        }
    }

    // ---- raw slots: write a typed value (value first so generated code needs no temporaries) ----

    public static void sI(int v, long[] s, int i) { s[i] = v & 0xFFFF_FFFFL; }

    public static void sL(long v, long[] s, int i) { s[i] = v; }

    public static void sF(float v, long[] s, int i) { s[i] = Float.floatToRawIntBits(v) & 0xFFFF_FFFFL; }

    public static void sD(double v, long[] s, int i) { s[i] = Double.doubleToRawLongBits(v); }

    public static void sV(long[] v, long[] s, int i) {
        s[i] = v[0];
        s[i + 1] = v[1];
    }

    public static void sR(Object v, Object[] r, int i) { r[i] = v; }

    public static int gI(long[] s, int i) { return (int) s[i]; }

    public static long gL(long[] s, int i) { return s[i]; }

    public static float gF(long[] s, int i) { return Float.intBitsToFloat((int) s[i]); }

    public static double gD(long[] s, int i) { return Double.longBitsToDouble(s[i]); }

    public static long[] gV(long[] s, int i) { return new long[] {s[i], s[i + 1]}; }

    public static Object gR(Object[] r, int i) { return r == null ? null : r[i]; }

    /** Copies {@code n} multi-value result slots from the context to a raw-convention caller. */
    public static void copyResults(Ctx c, long[] s, Object[] r, int base, int n) {
        System.arraycopy(c.results, 0, s, base, n);
        if (r != null) {
            System.arraycopy(c.resultRefs, 0, r, base, n);
        }
    }

    // ---- numbers whose bits must be exact ----

    public static float f32Abs(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFF_FFFF); }

    public static float f32Neg(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x8000_0000); }

    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7FFF_FFFF)
                | (Float.floatToRawIntBits(b) & 0x8000_0000));
    }

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Long.MAX_VALUE);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ Long.MIN_VALUE);
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & Long.MAX_VALUE)
                | (Double.doubleToRawLongBits(b) & Long.MIN_VALUE));
    }

    // ---- v128 (an immutable long[2], low half first) and SIMD ----

    public static long[] v128(long lo, long hi) { return lo == 0 && hi == 0 ? ZERO_V128 : new long[] {lo, hi}; }

    public static long[] v128Zero() { return ZERO_V128; }

    /** Runs a non-memory SIMD instruction on the operands already written to {@code c.simd[0..sp)}. */
    public static void simd(Opcode op, Ctx c, int sp, int lane, long lo, long hi) {
        SimdOps.execute(op, c.simd, sp, lane, lo, hi);
    }

    /** A SIMD load; a lane operand, if any, is already in {@code c.simd[0..2)}; the result lands there. */
    public static void simdLoad(int addr, Opcode op, Ctx c, int off, int sp, int lane) {
        SimdOps.load(op, c.memory, (addr & 0xFFFF_FFFFL) + (off & 0xFFFF_FFFFL), c.simd, sp, lane);
    }

    /** A SIMD store of the v128 already in {@code c.simd[0..2)}. */
    public static void simdStore(int addr, Opcode op, Ctx c, int off, int lane) {
        SimdOps.store(op, c.memory, (addr & 0xFFFF_FFFFL) + (off & 0xFFFF_FFFFL), c.simd, 2, lane);
    }

    // ---- comparisons as 0/1 (when not fused into a branch) ----

    public static int isZero(int a) { return a == 0 ? 1 : 0; }

    public static int nonZero(int a) { return a != 0 ? 1 : 0; }

    public static int isNeg(int a) { return a < 0 ? 1 : 0; }

    public static int nonNeg(int a) { return a >= 0 ? 1 : 0; }

    public static int isPos(int a) { return a > 0 ? 1 : 0; }

    public static int nonPos(int a) { return a <= 0 ? 1 : 0; }

    public static int eq(int a, int b) { return a == b ? 1 : 0; }

    public static int ne(int a, int b) { return a != b ? 1 : 0; }

    public static int lt(int a, int b) { return a < b ? 1 : 0; }

    public static int ge(int a, int b) { return a >= b ? 1 : 0; }

    public static int gt(int a, int b) { return a > b ? 1 : 0; }

    public static int le(int a, int b) { return a <= b ? 1 : 0; }

    public static int isNull(Object a) { return a == null ? 1 : 0; }

    // ---- traps ----

    public static TrapException unreachable() { return new TrapException("unreachable"); }

    // ---- metering and call depth (see MeteringEmitter); tiny so that they inline ----

    public static void poll(Ctx c) { c.meter.poll(); }

    /** Counts an entry of region {@code region} of function {@code f} (counts per instruction). */
    public static void hit(Ctx c, int f, int region) { c.meter.hit(c.firstRegion[f] + region); }

    /** Gas slow path of code whose regions cost their instruction count (the default costs). */
    public static long gasSlow(Ctx c, long used, long cost) {
        return c.meter.refill(used, cost);
    }

    /** Gas slow path of code counting instructions apart from gas (a cost table is in use). */
    public static long gasSlowCounted(Ctx c, long used, long insMinusGas, long cost, long count) {
        return c.meter.refill(used, insMinusGas, cost, count);
    }

    /** Function entry at call depth {@code depth} (0 from outside): traps beyond {@code max}, as the interpreter does. */
    public static void enter(int depth, int max) {
        if (depth > max) {
            throw callDepthExceeded();
        }
    }

    /**
     * The depth-limit trap with the complete Java stack as its trace: the JVM keeps only the innermost part of a
     * thrown exception's trace, and {@link CompiledBacktrace} needs every frame to list the outermost activations.
     */
    private static TrapException callDepthExceeded() {
        TrapException trap = new TrapException("call stack exhausted");
        trap.setStackTrace(StackWalker.getInstance().walk(frames -> frames.skip(1)
                .map(StackWalker.StackFrame::toStackTraceElement).toArray(StackTraceElement[]::new)));
        return trap;
    }
}

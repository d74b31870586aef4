package org.ssvm.compiler;

import static org.ssvm.compiler.JvmTypes.CD_CTX;
import static org.ssvm.compiler.JvmTypes.CD_RT;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.MeteringPlan;
import org.ssvm.model.FunctionBody;

/**
 * Emits the accounting code of one method (a function's or one of its regions'): the call depth check at
 * function entry (the depth is a parameter of every function method, so counting costs no memory access), the
 * gas charges of its {@link MeteringPlan} when metering is on, and the interruption polls at its checkpoints
 * when metering is off but code must stay interruptible.
 *
 * <p><b>Gas lives in locals.</b> A metered method copies the meter's gas used and instructions executed into
 * JVM locals when it starts and after each call, charges a region by adding to them and comparing with a soft
 * limit (also a local), and writes them back before each call, at each return and when an exception leaves it
 * (one catch-all handler). Only when gas passes the soft limit does it call {@code Meter.refill}, which traps
 * at the gas limit or on a stop request and otherwise moves the soft limit on by at most
 * {@code Meter.QUANTUM}: so interruption and time limits are seen within that much gas, and a region is
 * refused exactly where the interpreter refuses it. While a call is out, the gas local holds -1, telling the
 * handler that the callee has settled the counters already.
 *
 * <p><b>Where gas is compared.</b> Code for calls made under a gas limit compares at every region, so that it
 * traps at exactly the region the interpreter refuses. Code for calls without one (gas measured, statistics,
 * interruption) only adds at most regions and compares at checkpoints (function entry, loop heads): nothing can
 * trap in between but a stop request, which waits for the next checkpoint, and the sum comes out the same. It
 * also keeps its soft limit across calls, reloading only the counters. {@link CompilerEngine#code(
 * org.ssvm.model.Module, boolean)} keeps both kinds and each call from outside picks one.
 *
 * <p>The meter counts instructions as their difference to gas ({@code Meter.insMinusGas}), which regions
 * costing their instruction count (the default cost table) leave alone: a method made only of such regions
 * keeps just the gas in a local; others keep the difference in a second one.
 *
 * <p>The function compiler asks for a charge after every instruction it compiled while code there is
 * reachable ({@link #after}); a region start is exactly such a place, whatever jumps to it (loop heads, else,
 * block ends, after br_if and calls), so every path into a region runs its charge once.
 */
final class MeteringEmitter {
    private static final ClassDesc CD_METER = ClassDesc.of("org.ssvm.metering.Meter");
    private static final MethodTypeDesc LONG_GETTER = MethodTypeDesc.ofDescriptor("()J");
    private static final MethodTypeDesc SETTLE_GAS = MethodTypeDesc.ofDescriptor("(J)V");
    private static final MethodTypeDesc SETTLE = MethodTypeDesc.ofDescriptor("(JJ)V");
    private static final MethodTypeDesc SETTLE_GAS_AFTER_THROW = MethodTypeDesc.ofDescriptor("(Ljava/lang/Throwable;J)V");
    private static final MethodTypeDesc SETTLE_AFTER_THROW = MethodTypeDesc.ofDescriptor("(Ljava/lang/Throwable;JJ)V");
    private static final MethodTypeDesc GAS_SLOW = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;JJ)J");
    private static final MethodTypeDesc GAS_SLOW_COUNTED = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;JJJJ)J");
    private static final MethodTypeDesc POLL = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;)V");
    private static final MethodTypeDesc ENTER = MethodTypeDesc.ofDescriptor("(II)V");
    private static final MethodTypeDesc HIT = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;II)V");

    /** Where to charge, or null when metering is off. */
    private final MeteringPlan plan;
    private final boolean polls;
    private final int maxCallDepth;
    private final int funcIndex;
    /** Counts per instruction: each region entry is counted too (after its charge, as the interpreter does). */
    private final boolean countsRegions;
    /** Every region costs its instruction count: instructions minus gas stays as it is. */
    private final boolean countIsGas;
    /** Every region compares gas with the soft limit; else only checkpoints do (see the class comment). */
    private final boolean exact;

    /** The locals, once {@link #allocate}d: gas used, instructions minus gas (unless countIsGas), soft limit. */
    private int used = -1;
    private int insMinusGas;
    private int limit;
    private int ctxSlot;
    private Label start;

    MeteringEmitter(ModulePlan module, int funcIndex, FunctionBody body) {
        MeteringConfig config = module.metering;
        this.funcIndex = funcIndex;
        this.countsRegions = config.opcodeCounts();
        this.plan = config.metered() ? MeteringPlan.of(body.code(), config.costTable()) : null;
        this.polls = !config.metered() && config.interruptible();
        this.maxCallDepth = module.maxCallDepth;
        this.countIsGas = plan != null && countIsGas(plan);
        this.exact = module.exactGas;
    }

    private static boolean countIsGas(MeteringPlan plan) {
        for (int i = 0; i < plan.regionCount(); i++) {
            if (plan.cost(i) != plan.instructionCount(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reserves the gas locals from JVM local {@code slot} on (when metering is on); answers the next free slot. */
    int allocate(int slot, int ctxSlot) {
        this.ctxSlot = ctxSlot;
        if (plan == null) {
            return slot;
        }
        used = slot;
        limit = slot + 2;
        insMinusGas = slot + 4;
        return countIsGas ? slot + 4 : slot + 6;
    }

    private boolean inLocals() {
        return used >= 0;
    }

    /** Function entry: the depth check first (a refused call charges nothing), then region 0 or a poll. */
    void entry(CodeBuilder cb, int depthSlot) {
        cb.iload(depthSlot);
        cb.loadConstant(maxCallDepth);
        cb.invokestatic(CD_RT, "enter", ENTER);
        if (inLocals()) {
            begin(cb);
            charge(cb, 0);
        } else if (polls) {
            poll(cb);
        }
    }

    /** Start of a region method: takes over the counters its caller settled. */
    void regionEntry(CodeBuilder cb) {
        if (inLocals()) {
            begin(cb);
        }
    }

    private void begin(CodeBuilder cb) {
        load(cb);
        start = cb.newBoundLabel();
    }

    /** At a loop head (inside the loop, so each iteration passes it): a poll when metering is off. */
    void loopHead(CodeBuilder cb) {
        if (polls) {
            poll(cb);
        }
    }

    /** Reachable code continues at body offset {@code pos}: charges the region starting there, if one does. */
    void after(CodeBuilder cb, int pos) {
        if (plan == null) {
            return;
        }
        int region = plan.regionAt(pos);
        if (region > 0) {
            charge(cb, region);
        }
    }

    /** Before a call (to a function, a region method or the raw convention): hands the counters over. */
    void beforeCall(CodeBuilder cb) {
        if (inLocals()) {
            store(cb);
            cb.loadConstant(-1L);
            cb.lstore(used);
        }
    }

    /**
     * After a call returned: takes the counters back. Code that compares only at checkpoints keeps its soft
     * limit: a stale one makes its next checkpoint call the meter early, which then hands out a fresh one.
     */
    void afterCall(CodeBuilder cb) {
        if (inLocals()) {
            loadCounters(cb);
            if (exact) {
                loadLimit(cb);
            }
        }
    }

    /** Before each return instruction of the method. */
    void beforeReturn(CodeBuilder cb) {
        if (inLocals()) {
            store(cb);
        }
    }

    /** After the method's last instruction: the handler settling the counters when an exception leaves. */
    void finish(CodeBuilder cb) {
        if (!inLocals() || start == null) {
            return;
        }
        Label end = cb.newBoundLabel();
        Label handler = cb.newBoundLabel();
        Label rethrow = cb.newLabel();
        cb.lload(used);
        cb.lconst_0();
        cb.lcmp();
        cb.iflt(rethrow); // a callee's exception: it settled the counters
        cb.dup();
        meter(cb);
        cb.swap();
        cb.lload(used);
        if (countIsGas) {
            cb.invokevirtual(CD_METER, "settleAfterThrow", SETTLE_GAS_AFTER_THROW);
        } else {
            cb.lload(insMinusGas);
            cb.invokevirtual(CD_METER, "settleAfterThrow", SETTLE_AFTER_THROW);
        }
        cb.labelBinding(rethrow);
        cb.athrow();
        cb.exceptionCatchAll(start, end, handler);
    }

    private void charge(CodeBuilder cb, int region) {
        long cost = plan.cost(region);
        int count = plan.instructionCount(region);
        if (inLocals()) {
            chargeLocals(cb, cost, count, plan.isCheckpoint(region));
            if (countsRegions) {
                cb.aload(ctxSlot);
                cb.loadConstant(funcIndex);
                cb.loadConstant(region);
                cb.invokestatic(CD_RT, "hit", HIT);
            }
        }
    }

    private void chargeLocals(CodeBuilder cb, long cost, int count, boolean checkpoint) {
        if (cost != 0) {
            cb.lload(used);
            cb.loadConstant(cost);
            cb.ladd();
            cb.lstore(used);
        }
        if (count != cost) {
            cb.lload(insMinusGas);
            cb.loadConstant(count - cost);
            cb.ladd();
            cb.lstore(insMinusGas);
        }
        if (cost > 0 && (exact || checkpoint)) {
            Label paid = cb.newLabel();
            cb.lload(used);
            cb.lload(limit);
            cb.lcmp();
            cb.ifle(paid);
            cb.aload(ctxSlot);
            cb.lload(used);
            if (countIsGas) {
                cb.loadConstant(cost);
                cb.invokestatic(CD_RT, "gasSlow", GAS_SLOW);
            } else {
                cb.lload(insMinusGas);
                cb.loadConstant(cost);
                cb.loadConstant((long) count);
                cb.invokestatic(CD_RT, "gasSlowCounted", GAS_SLOW_COUNTED);
            }
            cb.lstore(limit);
            cb.labelBinding(paid);
        } else if (checkpoint) { // cost 0 here: a checkpoint with a cost compared above
            poll(cb); // a region of cost 0 (cost table) where code may loop: still notices a stop
        }
    }

    /** Copies the meter's counters and soft limit into the locals. */
    private void load(CodeBuilder cb) {
        loadCounters(cb);
        loadLimit(cb);
    }

    private void loadCounters(CodeBuilder cb) {
        meter(cb);
        cb.invokevirtual(CD_METER, "gasUsed", LONG_GETTER);
        cb.lstore(used);
        if (!countIsGas) {
            meter(cb);
            cb.invokevirtual(CD_METER, "insMinusGas", LONG_GETTER);
            cb.lstore(insMinusGas);
        }
    }

    private void loadLimit(CodeBuilder cb) {
        meter(cb);
        cb.invokevirtual(CD_METER, "softLimit", LONG_GETTER);
        cb.lstore(limit);
    }

    /** Writes the locals back to the meter. */
    private void store(CodeBuilder cb) {
        meter(cb);
        cb.lload(used);
        if (countIsGas) {
            cb.invokevirtual(CD_METER, "settle", SETTLE_GAS);
        } else {
            cb.lload(insMinusGas);
            cb.invokevirtual(CD_METER, "settle", SETTLE);
        }
    }

    private void meter(CodeBuilder cb) {
        cb.aload(ctxSlot);
        cb.getfield(CD_CTX, "meter", CD_METER);
    }

    private void poll(CodeBuilder cb) {
        cb.aload(ctxSlot);
        cb.invokestatic(CD_RT, "poll", POLL);
    }
}

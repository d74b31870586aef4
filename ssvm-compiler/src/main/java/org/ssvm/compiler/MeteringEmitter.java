package org.ssvm.compiler;

import static org.ssvm.compiler.JvmTypes.CD_RT;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.MethodTypeDesc;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.MeteringPlan;
import org.ssvm.model.FunctionBody;

/**
 * Emits the accounting code of one function body: the call depth check at entry (the depth is a parameter of
 * every function method, so counting costs no memory access), the gas charges of its
 * {@link MeteringPlan} when metering is on, and the interruption polls at its checkpoints when metering is off
 * but code must stay interruptible. Each is one {@code invokestatic} of a tiny {@link Rt} helper taking
 * constants, which HotSpot inlines.
 *
 * <p>The function compiler asks for a charge after every instruction it compiled while code there is
 * reachable ({@link #after}); a region start is exactly such a place, whatever jumps to it (loop heads, else,
 * block ends, after br_if and calls), so every path into a region runs its charge once.
 */
final class MeteringEmitter {
    private static final MethodTypeDesc CHARGE = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;JI)V");
    private static final MethodTypeDesc POLL = MethodTypeDesc.ofDescriptor("(Lorg/ssvm/compiler/Ctx;)V");
    private static final MethodTypeDesc ENTER = MethodTypeDesc.ofDescriptor("(II)V");

    /** Where to charge, or null when metering is off. */
    private final MeteringPlan plan;
    private final boolean polls;
    private final int maxCallDepth;

    MeteringEmitter(ModulePlan module, FunctionBody body) {
        MeteringConfig config = module.metering;
        this.plan = config.metered() ? MeteringPlan.of(body.code(), config.costTable()) : null;
        this.polls = !config.metered() && config.interruptible();
        this.maxCallDepth = module.maxCallDepth;
    }

    /** Function entry: the depth check first (a refused call charges nothing), then region 0 or a poll. */
    void entry(CodeBuilder cb, int ctxSlot, int depthSlot) {
        cb.iload(depthSlot);
        cb.loadConstant(maxCallDepth);
        cb.invokestatic(CD_RT, "enter", ENTER);
        if (plan != null) {
            charge(cb, ctxSlot, 0);
        } else if (polls) {
            poll(cb, ctxSlot);
        }
    }

    /** At a loop head (inside the loop, so each iteration passes it): a poll when metering is off. */
    void loopHead(CodeBuilder cb, int ctxSlot) {
        if (polls) {
            poll(cb, ctxSlot);
        }
    }

    /** Reachable code continues at body offset {@code pos}: charges the region starting there, if one does. */
    void after(CodeBuilder cb, int ctxSlot, int pos) {
        if (plan == null) {
            return;
        }
        int region = plan.regionAt(pos);
        if (region > 0) {
            charge(cb, ctxSlot, region);
        }
    }

    private void charge(CodeBuilder cb, int ctxSlot, int region) {
        long cost = plan.cost(region);
        int count = plan.instructionCount(region);
        if (cost == 0 && count == 0 && !plan.isCheckpoint(region)) {
            return;
        }
        cb.aload(ctxSlot);
        cb.loadConstant(cost);
        cb.loadConstant(count);
        cb.invokestatic(CD_RT, "charge", CHARGE);
    }

    private static void poll(CodeBuilder cb, int ctxSlot) {
        cb.aload(ctxSlot);
        cb.invokestatic(CD_RT, "poll", POLL);
    }
}

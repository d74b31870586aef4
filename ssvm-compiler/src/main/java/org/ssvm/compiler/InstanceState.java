package org.ssvm.compiler;

import org.ssvm.metering.Meter;
import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.MeteringPlan;
import org.ssvm.model.Module;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Instance;

/**
 * What the compiled functions of one instance share: the module's code and the instance's context, made lazily.
 * A metering engine has two kinds of code (see {@link CompilerEngine#code(Module, boolean)}), each with a
 * context of its own; a call from outside picks one by whether the meter has a gas limit then.
 */
final class InstanceState {
    private final CompilerEngine engine;
    private final Instance instance;
    private final Variant exact = new Variant(true);
    private final Variant checkpoints = new Variant(false);

    InstanceState(CompilerEngine engine, Instance instance) {
        this.engine = engine;
        this.instance = instance;
    }

    Instance instance() { return instance; }

    /** Whether a call starting now needs code that compares gas at every region: a gas limit is set. */
    boolean exactGasNow() {
        return !engine.metering().metered() || instance.meter().gasLimit() != Meter.UNLIMITED;
    }

    /** The context, built on the first call (when all of the instance's entities exist). */
    Ctx ctx(boolean exactGas) {
        return (exactGas ? exact : checkpoints).ctx();
    }

    /** One kind of code and its context. */
    private final class Variant {
        private final boolean exactGas;
        private volatile ModuleCode code;
        private volatile Ctx ctx;

        Variant(boolean exactGas) {
            this.exactGas = exactGas;
        }

        ModuleCode code() {
            ModuleCode c = code;
            if (c == null) {
                c = engine.code(instance.module(), exactGas);
                code = c;
            }
            return c;
        }

        Ctx ctx() {
            Ctx c = ctx;
            if (c == null) {
                synchronized (this) {
                    c = ctx;
                    if (c == null) {
                        c = newCtx(code());
                        ctx = c;
                    }
                }
            }
            return c;
        }
    }

    private Ctx newCtx(ModuleCode mc) {
        Module module = instance.module();
        int count = module.functionCount();
        int imported = count - module.functions().size();
        FunctionInstance[] fallbacks = new FunctionInstance[count];
        for (int f = imported; f < count; f++) {
            if (mc.isFallback(f)) {
                fallbacks[f] = engine.interpreter().function(instance, f, module.functionTypes()[f],
                        module.bodies().get(f - imported));
            }
        }
        return new Ctx(this, mc, instance, mc.resultSlots(), fallbacks, regionCounters(module, mc, imported));
    }

    /**
     * With counts per instruction: where the meter counts the region entries of each compiled function (the
     * interpreter registers the functions it runs itself), by function index; else null.
     */
    private int[] regionCounters(Module module, ModuleCode mc, int imported) {
        MeteringConfig metering = engine.metering();
        if (!metering.opcodeCounts()) {
            return null;
        }
        int[] first = new int[module.functionCount()];
        for (int f = imported; f < first.length; f++) {
            if (!mc.isFallback(f)) {
                MeteringPlan plan = MeteringPlan.of(module.bodies().get(f - imported).code(), metering.costTable());
                first[f] = instance.meter().registerRegions(plan);
            }
        }
        return first;
    }
}

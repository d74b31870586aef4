package org.ssvm.compiler;

import org.ssvm.metering.MeteringConfig;
import org.ssvm.metering.MeteringPlan;
import org.ssvm.model.Module;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Instance;

/** What the compiled functions of one instance share: the module's code and the instance's context, made lazily. */
final class InstanceState {
    private final CompilerEngine engine;
    private final Instance instance;
    private volatile ModuleCode code;
    private volatile Ctx ctx;

    InstanceState(CompilerEngine engine, Instance instance) {
        this.engine = engine;
        this.instance = instance;
    }

    Instance instance() { return instance; }

    ModuleCode code() {
        ModuleCode c = code;
        if (c == null) {
            c = engine.code(instance.module());
            code = c;
        }
        return c;
    }

    /** The context, built on the first call (when all of the instance's entities exist). */
    Ctx ctx() {
        Ctx c = ctx;
        if (c == null) {
            synchronized (this) {
                c = ctx;
                if (c == null) {
                    c = newCtx();
                    ctx = c;
                }
            }
        }
        return c;
    }

    private Ctx newCtx() {
        ModuleCode mc = code();
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

package org.ssvm.runtime;

import org.ssvm.model.GlobalType;

/**
 * A global variable instance. Numbers are held as raw bits in {@link #bits} (i32 sign-extended or not, only the
 * low 32 bits count; f32/f64 as their IEEE bits), v128 as {@link #bits} (low half) and {@link #bitsHigh},
 * references in {@link #ref}.
 */
public final class Global {
    private final GlobalType type;
    public long bits;
    public long bitsHigh;
    public Object ref;

    public Global(GlobalType type) {
        this.type = type;
    }

    public GlobalType type() { return type; }
}

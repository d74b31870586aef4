package org.ssvm.text.wast;

import java.util.List;
import org.ssvm.model.ValType;

/** One expected result of {@code assert_return}: an exact value or a pattern. */
public sealed interface Expected {
    /** The result must equal this value bit for bit (for floats: same bits, not IEEE equality). */
    record Exact(Value value) implements Expected {
    }

    /**
     * {@code nan:canonical}: a NaN with the canonical payload (only the top mantissa bit set), either sign.
     * {@code type} is F32 or F64.
     */
    record CanonicalNan(ValType type) implements Expected {
    }

    /** {@code nan:arithmetic}: a NaN whose top mantissa bit is set, any sign and other payload bits. */
    record ArithmeticNan(ValType type) implements Expected {
    }

    /**
     * A {@code v128.const f32x4} or {@code f64x2} result containing NaN patterns: each lane is checked on its
     * own. {@code lanes} has 4 entries of F32 kind or 2 of F64 kind, each {@link Exact} (with a
     * {@link Value.F32} / {@link Value.F64}), {@link CanonicalNan} or {@link ArithmeticNan}. V128 results
     * without NaN patterns are plain {@link Exact} values instead.
     */
    record V128Lanes(ValType laneType, List<Expected> lanes) implements Expected {
        public V128Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /** {@code (ref.func)}: any non-null function reference. */
    record AnyRefFunc() implements Expected {
    }

    /** {@code (ref.extern)} without a number: any non-null external reference. */
    record AnyRefExtern() implements Expected {
    }

    /** {@code (either r1 r2 ...)}: the result must match one of the alternatives. */
    record Either(List<Expected> alternatives) implements Expected {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}

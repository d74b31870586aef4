package org.ssvm.model;

/**
 * Size limits of a memory (in pages) or a table (in elements).
 *
 * @param min    the initial size
 * @param max    the maximum size; meaningful only when {@code hasMax}
 * @param hasMax whether a maximum was declared
 */
public record Limits(long min, long max, boolean hasMax) {
    public static Limits of(long min) { return new Limits(min, 0, false); }

    public static Limits of(long min, long max) { return new Limits(min, max, true); }

    /**
     * Import subtyping of limits: an import declared with {@code required} accepts an actual entity with
     * these limits when it is at least as large and at most as permissive in its maximum.
     */
    public boolean matches(Limits required) {
        if (Long.compareUnsigned(min, required.min) < 0) {
            return false;
        }
        if (!required.hasMax) {
            return true;
        }
        return hasMax && Long.compareUnsigned(max, required.max) <= 0;
    }

    @Override
    public String toString() { return hasMax ? min + " " + max : Long.toString(min); }
}

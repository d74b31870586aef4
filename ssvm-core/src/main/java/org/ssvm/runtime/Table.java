package org.ssvm.runtime;

import java.util.Arrays;
import org.ssvm.TrapException;
import org.ssvm.model.TableType;

/** A table instance: a growable array of references (funcref or externref; null is the null reference). */
public final class Table {
    private final TableType type;
    private final long maxSize;
    private Object[] elements;

    public Table(TableType type, Object init) {
        this.type = type;
        long declaredMax = type.limits().hasMax() ? type.limits().max() : 0xFFFF_FFFFL;
        this.maxSize = Math.min(declaredMax, Integer.MAX_VALUE - 8);
        long min = type.limits().min();
        if (min > maxSize) {
            throw new TrapException("table size " + min + " exceeds the limit of " + maxSize + " elements");
        }
        this.elements = new Object[(int) min];
        if (init != null) {
            Arrays.fill(elements, init);
        }
    }

    public TableType type() { return type; }

    public int size() { return elements.length; }

    /** The backing array; engines must re-read it after anything that may grow the table. */
    public Object[] array() { return elements; }

    public Object get(long index) {
        if (index < 0 || index >= elements.length) {
            throw new TrapException("out of bounds table access");
        }
        return elements[(int) index];
    }

    public void set(long index, Object value) {
        if (index < 0 || index >= elements.length) {
            throw new TrapException("out of bounds table access");
        }
        elements[(int) index] = value;
    }

    /** Grows by {@code delta} elements set to {@code init}; returns the old size, or -1 if it cannot grow. */
    public int grow(long delta, Object init) {
        int old = elements.length;
        if (delta < 0 || delta > maxSize - old) {
            return -1;
        }
        try {
            elements = Arrays.copyOf(elements, (int) (old + delta));
        } catch (OutOfMemoryError e) {
            return -1;
        }
        Arrays.fill(elements, old, elements.length, init);
        return old;
    }
}

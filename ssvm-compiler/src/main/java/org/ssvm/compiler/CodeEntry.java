package org.ssvm.compiler;

/**
 * How code outside calls into one generated class: each class of a module's compiled functions implements this
 * with a switch over its functions' bridges, and its static initializer hands an instance to
 * {@link Rt#publish}. A plain interface call, so entering compiled code needs no method handle: looking one up and
 * linking its first invocation costs milliseconds of a short program's start. Public because generated classes
 * live in their own class loader.
 */
public interface CodeEntry {
    /**
     * Calls defined function {@code funcIndex} of this class in the raw convention: arguments in {@code slots}
     * and {@code refs} from {@code base}, results written back there.
     */
    void call(int funcIndex, long[] slots, Object[] refs, int base, Ctx ctx);
}

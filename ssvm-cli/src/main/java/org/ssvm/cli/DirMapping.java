package org.ssvm.cli;

import java.nio.file.Path;

/** A {@code --dir} option: a host directory and the path the guest sees it at. */
record DirMapping(Path host, String guest) {
    /**
     * Parses the three accepted forms: {@code HOST::GUEST} (wasmtime's), {@code GUEST:HOST} (SSVM's original)
     * and {@code PATH} (the same on both sides).
     */
    static DirMapping parse(String spec) {
        int twoColons = spec.indexOf("::");
        if (twoColons >= 0) {
            return of(spec.substring(0, twoColons), spec.substring(twoColons + 2), spec);
        }
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            return of(spec.substring(colon + 1), spec.substring(0, colon), spec);
        }
        return of(spec, spec, spec);
    }

    private static DirMapping of(String host, String guest, String spec) {
        if (host.isEmpty() || guest.isEmpty()) {
            throw new IllegalArgumentException("--dir " + spec + ": expected HOST::GUEST, GUEST:HOST or PATH");
        }
        return new DirMapping(Path.of(host), guest);
    }
}

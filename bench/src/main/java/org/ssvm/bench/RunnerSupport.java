package org.ssvm.bench;

import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the peer runner mains. */
final class RunnerSupport {
    private RunnerSupport() {}

    /**
     * The WASI argument vector: the module path as argv[0] followed by the arguments after it.
     * {@code fileIndex} is where the module path sits in the runner's own arguments.
     */
    static List<String> programArgs(String[] argv, int fileIndex) {
        List<String> args = new ArrayList<>();
        for (int i = fileIndex; i < argv.length; i++) {
            args.add(argv[i]);
        }
        return args;
    }
}

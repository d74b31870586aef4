package org.ssvm.compiler;

import java.util.concurrent.Callable;

/** Runs code while the compiler splits every function into as many region methods as it can. */
final class SplitEverything {
    private SplitEverything() {}

    static <T> T run(Callable<T> task) throws Exception {
        System.setProperty("ssvm.compiler.splitAbove", "1");
        System.setProperty("ssvm.compiler.minRegion", "1");
        try {
            return task.call();
        } finally {
            System.clearProperty("ssvm.compiler.splitAbove");
            System.clearProperty("ssvm.compiler.minRegion");
        }
    }
}

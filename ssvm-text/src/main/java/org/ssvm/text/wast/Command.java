package org.ssvm.text.wast;

import java.util.List;

/** One top-level command of a WAST script, with the line it starts on. */
public sealed interface Command {
    int line();

    /** Define (instantiate) a module; it becomes the current module, and is named if it has an id. */
    record DefineModule(int line, ModuleDef module) implements Command {
    }

    /** {@code (register "name" $m?)}: make a module's exports importable under {@code name}. */
    record Register(int line, String name, String moduleId) implements Command {
    }

    /** A bare action whose result is ignored (it must not trap). */
    record Perform(int line, Action action) implements Command {
    }

    /** {@code (assert_return action expected...)}. */
    record AssertReturn(int line, Action action, List<Expected> expected) implements Command {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    /**
     * {@code (assert_trap action "msg")}, or {@code (assert_trap (module ...) "msg")} where instantiating the
     * module (running its start function or segment initialization) must trap. Exactly one of {@code action}
     * and {@code module} is non-null.
     */
    record AssertTrap(int line, Action action, ModuleDef module, String message) implements Command {
    }

    /** {@code (assert_exhaustion action "msg")}: the call must exhaust the call stack. */
    record AssertExhaustion(int line, Action action, String message) implements Command {
    }

    /** {@code (assert_invalid module "msg")}: the module must fail validation. */
    record AssertInvalid(int line, ModuleDef module, String message) implements Command {
    }

    /** {@code (assert_malformed module "msg")}: decoding or parsing the module must fail. */
    record AssertMalformed(int line, ModuleDef module, String message) implements Command {
    }

    /** {@code (assert_unlinkable module "msg")}: instantiation must fail while resolving imports. */
    record AssertUnlinkable(int line, ModuleDef module, String message) implements Command {
    }

    /** {@code (assert_uninstantiable module "msg")}: instantiation must trap. */
    record AssertUninstantiable(int line, ModuleDef module, String message) implements Command {
    }
}

package org.ssvm.wast;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ssvm.DecodeException;
import org.ssvm.EngineKind;
import org.ssvm.LinkException;
import org.ssvm.Linker;
import org.ssvm.TrapException;
import org.ssvm.ValidationException;
import org.ssvm.WasmException;
import org.ssvm.WasmInstance;
import org.ssvm.WasmModule;
import org.ssvm.WasmRuntime;
import org.ssvm.binary.ModuleDecoder;
import org.ssvm.model.FuncType;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;
import org.ssvm.runtime.FunctionInstance;
import org.ssvm.runtime.Global;
import org.ssvm.text.Wat;
import org.ssvm.text.wast.Action;
import org.ssvm.text.wast.Command;
import org.ssvm.text.wast.Expected;
import org.ssvm.text.wast.ModuleDef;
import org.ssvm.text.wast.ModuleSource;
import org.ssvm.text.wast.Script;
import org.ssvm.text.wast.Value;
import org.ssvm.text.wast.Wast;

/**
 * Executes WAST conformance scripts against one engine. Every assertion counts as passed or failed; a module
 * definition, registration or action that should succeed and does not counts as a failure too, so nothing
 * goes wrong silently.
 */
public final class WastRunner {
    private final EngineKind engine;
    private final UnaryOperator<WasmRuntime.Builder> options;

    public WastRunner(EngineKind engine) {
        this(engine, UnaryOperator.identity());
    }

    /** A runner whose runtimes get {@code options} too (metering, interruption polls, limits). */
    public WastRunner(EngineKind engine, UnaryOperator<WasmRuntime.Builder> options) {
        this.engine = engine;
        this.options = options;
    }

    /** Reads, parses and runs one script file. A file that cannot be parsed counts as one failure. */
    public FileResult run(Path file) {
        String name = file.getFileName().toString();
        Script script;
        try {
            script = Wast.parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (Exception e) {
            return new FileResult(name, 0, 1, 0, List.of(name + ": cannot parse script: " + e.getMessage()));
        }
        try (WasmRuntime runtime = options.apply(WasmRuntime.builder().engine(engine)).build()) {
            return new Session(runtime, name).run(script);
        }
    }

    /** The state of one script run: the linker with registered modules and the named instances. */
    private static final class Session {
        private final WasmRuntime runtime;
        private final String file;
        private final Linker linker;
        private final Map<String, WasmInstance> named = new HashMap<>();
        private WasmInstance current;
        private int passed;
        private int failed;
        private final List<String> failures = new ArrayList<>();

        Session(WasmRuntime runtime, String file) {
            this.runtime = runtime;
            this.file = file;
            this.linker = runtime.linker();
            SpecTestHost.define(linker);
        }

        FileResult run(Script script) {
            for (Command command : script.commands()) {
                try {
                    execute(command);
                } catch (Failure f) {
                    fail(command.line(), f.getMessage());
                } catch (WasmException | StackOverflowError | IllegalArgumentException | IllegalStateException
                         | UnsupportedOperationException | ClassCastException | IndexOutOfBoundsException
                         | NullPointerException e) {
                    fail(command.line(), "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            return new FileResult(file, passed, failed, 0, failures);
        }

        private void execute(Command command) {
            switch (command) {
                case Command.DefineModule d -> {
                    current = null; // a module that fails to instantiate leaves no current module
                    WasmInstance instance = linker.instantiate(compile(d.module()));
                    current = instance;
                    if (d.module().id() != null) {
                        named.put(d.module().id(), instance);
                    }
                }
                case Command.Register r -> linker.register(r.name(), instance(r.moduleId()));
                case Command.Perform p -> perform(p.action());
                case Command.AssertReturn a -> check(assertReturn(a));
                case Command.AssertTrap a -> check(a.action() != null
                        ? expectTrap(() -> perform(a.action()), a.message())
                        : expectTrap(() -> linker.instantiate(compile(a.module())), a.message()));
                case Command.AssertExhaustion a -> check(expectTrap(() -> perform(a.action()), a.message()));
                case Command.AssertInvalid a -> check(expectFailure(a.module(), ValidationException.class, a.message()));
                case Command.AssertMalformed a -> check(expectMalformed(a.module(), a.message()));
                case Command.AssertUnlinkable a -> check(expectFailure(a.module(), LinkException.class, a.message()));
                case Command.AssertUninstantiable a ->
                        check(expectFailure(a.module(), TrapException.class, a.message()));
            }
        }

        private void check(String problem) {
            if (problem == null) {
                passed++;
            } else {
                throw new Failure(problem);
            }
        }

        private void fail(int line, String message) {
            failed++;
            failures.add(file + ":" + line + ": " + message);
        }

        // ---- modules ----

        private WasmModule compile(ModuleDef def) {
            Module module = switch (def.source()) {
                case ModuleSource.Text t -> t.module();
                case ModuleSource.Binary b -> ModuleDecoder.decode(b.bytes());
                case ModuleSource.Quote q -> Wat.parseModule(q.text());
            };
            return WasmModule.of(module);
        }

        /** Decoding/parsing, validating and instantiating must fail with {@code kind} and {@code message}. */
        private String expectFailure(ModuleDef def, Class<? extends WasmException> kind, String message) {
            try {
                linker.instantiate(compile(def));
            } catch (WasmException e) {
                return describeMismatch(e, kind, message);
            }
            return "expected " + kind.getSimpleName() + " \"" + message + "\" but the module instantiated";
        }

        private String expectMalformed(ModuleDef def, String message) {
            try {
                compile(def);
            } catch (WasmException e) {
                return describeMismatch(e, DecodeException.class, message);
            }
            return "expected malformed \"" + message + "\" but the module was accepted";
        }

        private static String describeMismatch(WasmException e, Class<? extends WasmException> kind, String message) {
            if (!kind.isInstance(e)) {
                return "expected " + kind.getSimpleName() + " \"" + message + "\" but got "
                        + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (!messageMatches(e.getMessage(), message)) {
                return "expected message \"" + message + "\" but got \"" + e.getMessage() + "\"";
            }
            return null;
        }

        /** Our messages start with the spec's wording and may add where the problem is. */
        private static boolean messageMatches(String actual, String expected) {
            return actual != null && actual.contains(expected);
        }

        private WasmInstance instance(String id) {
            WasmInstance instance = id == null ? current : named.get(id);
            if (instance == null) {
                throw new Failure(id == null ? "no current module" : "unknown module " + id);
            }
            return instance;
        }

        // ---- actions ----

        /** The result of an action in the raw slot convention. */
        private record Results(ValType[] types, long[] slots, Object[] refs) {
        }

        private Results perform(Action action) {
            WasmInstance instance = instance(action.moduleId());
            return switch (action) {
                case Action.Invoke invoke -> invoke(instance, invoke);
                case Action.Get get -> {
                    Global g = instance.global(get.name());
                    yield new Results(new ValType[] {g.type().valueType()}, new long[] {g.bits, g.bitsHigh},
                            new Object[] {g.ref, null});
                }
            };
        }

        private Results invoke(WasmInstance instance, Action.Invoke invoke) {
            FunctionInstance function = instance.function(invoke.name()).raw();
            FuncType type = function.type();
            if (type.paramCount() != invoke.args().size()) {
                throw new Failure("invoke " + invoke.name() + ": " + invoke.args().size()
                        + " arguments for " + type);
            }
            int size = Math.max(FunctionInstance.slotCount(type.params()), FunctionInstance.slotCount(type.results()));
            long[] slots = new long[Math.max(size, 1)];
            Object[] refs = new Object[slots.length];
            int slot = 0;
            for (Value arg : invoke.args()) {
                slot = write(arg, slots, refs, slot);
            }
            instance.function(invoke.name()).invoke(slots, refs, 0);
            return new Results(type.results(), slots, refs);
        }

        private static int write(Value value, long[] slots, Object[] refs, int slot) {
            switch (value) {
                case Value.I32 v -> slots[slot] = v.bits();
                case Value.I64 v -> slots[slot] = v.bits();
                case Value.F32 v -> slots[slot] = v.bits() & 0xFFFF_FFFFL;
                case Value.F64 v -> slots[slot] = v.bits();
                case Value.V128 v -> {
                    slots[slot] = v.lo();
                    slots[slot + 1] = v.hi();
                    return slot + 2;
                }
                case Value.RefNull n -> refs[slot] = null;
                case Value.RefExtern x -> refs[slot] = new HostRef(x.id());
                case Value.RefFunc f -> throw new Failure("ref.func arguments are not supported by scripts");
            }
            return slot + 1;
        }

        private String assertReturn(Command.AssertReturn a) {
            Results r = perform(a.action());
            if (r.types().length != a.expected().size()) {
                return "expected " + a.expected().size() + " results, got " + r.types().length;
            }
            int slot = 0;
            for (int i = 0; i < r.types().length; i++) {
                ValType type = r.types()[i];
                Expected expected = a.expected().get(i);
                if (!ResultMatcher.matches(expected, type, r.slots(), r.refs(), slot)) {
                    return "result " + i + ": expected " + expected + " but got "
                            + ResultMatcher.describe(type, r.slots(), r.refs(), slot);
                }
                slot += type == ValType.V128 ? 2 : 1;
            }
            return null;
        }

        private String expectTrap(Runnable action, String message) {
            try {
                action.run();
            } catch (TrapException e) {
                return messageMatches(e.getMessage(), message) ? null
                        : "expected trap \"" + message + "\" but got trap \"" + e.getMessage() + "\"";
            }
            return "expected trap \"" + message + "\" but nothing trapped";
        }
    }

    /** A command that did not do what the script says. */
    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}

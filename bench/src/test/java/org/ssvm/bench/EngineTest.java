package org.ssvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
    @Test
    void parsesNamesAndCommandsSkippingComments() {
        List<Engine> engines = Engine.parse(List.of("# comment", "", "native = {native} {args}",
                "  node=node run.mjs {wasm}  {args} "));
        assertEquals(List.of("native", "node"), engines.stream().map(Engine::name).toList());
        assertEquals(List.of("node", "run.mjs", "{wasm}", "{args}"), engines.get(1).template());
    }

    @Test
    void expandsPlaceholdersInsideWordsAndArgsToZeroOrMoreWords() {
        Engine e = Engine.parse(List.of("x = {java} -cp {target}/a.jar:{target}/peers/* Main {wasm} {args}"))
                .getFirst();
        Map<String, String> vars = Map.of("java", "/jdk/bin/java", "target", "/r/t", "wasm", "/k/fib.wasm");
        assertEquals(List.of("/jdk/bin/java", "-cp", "/r/t/a.jar:/r/t/peers/*", "Main", "/k/fib.wasm", "38"),
                e.command(vars, List.of("38")));
        assertEquals(List.of("/jdk/bin/java", "-cp", "/r/t/a.jar:/r/t/peers/*", "Main", "/k/fib.wasm"),
                e.command(vars, List.of()));
    }

    @Test
    void rejectsMalformedLinesAndUnknownPlaceholders() {
        assertThrows(IllegalArgumentException.class, () -> Engine.parse(List.of("no command here")));
        assertThrows(IllegalArgumentException.class, () -> Engine.parse(List.of("x =  ")));
        Engine e = Engine.parse(List.of("x = run {wsam}")).getFirst();
        assertThrows(IllegalArgumentException.class, () -> e.command(Map.of("wasm", "f"), List.of()));
    }
}

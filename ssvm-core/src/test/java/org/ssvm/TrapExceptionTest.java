package org.ssvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssvm.model.FunctionBody;
import org.ssvm.model.Module;
import org.ssvm.model.ValType;

class TrapExceptionTest {
    private static WasmFrame frame(int i) {
        return new WasmFrame("m", i, "f" + i, 0x100 + i, true);
    }

    @Test
    void noFramesNoBacktrace() {
        TrapException trap = new TrapException("unreachable");
        assertEquals(List.of(), trap.wasmBacktrace());
        assertEquals("", trap.formatBacktrace());
        assertEquals(0, trap.wasmFrameCount());
        assertEquals("unreachable", trap.getMessage());
    }

    @Test
    void shortTracesAreKeptWhole() {
        TrapException trap = new TrapException("x");
        for (int i = 0; i < TrapException.INNER_FRAMES + TrapException.OUTER_FRAMES; i++) {
            trap.addWasmFrame(frame(i));
        }
        assertEquals(0, trap.omittedFrames());
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(60, frames.size());
        for (int i = 0; i < 60; i++) {
            assertEquals(i, frames.get(i).funcIndex());
        }
        List<String> lines = trap.formatBacktrace().lines().toList();
        assertEquals(61, lines.size());
        assertEquals("     0: 0x100 - m!f0", lines.get(1));
        assertEquals("    59: 0x13b - m!f59", lines.get(60));
    }

    @Test
    void longTracesKeepTheInnermostAndOutermostFrames() {
        TrapException trap = new TrapException("call stack exhausted");
        for (int i = 0; i < 1000; i++) {
            trap.addWasmFrame(frame(i));
        }
        assertEquals(1000, trap.wasmFrameCount());
        assertEquals(940, trap.omittedFrames());
        List<WasmFrame> frames = trap.wasmBacktrace();
        assertEquals(60, frames.size());
        assertEquals(49, frames.get(49).funcIndex());
        assertEquals(990, frames.get(50).funcIndex());
        assertEquals(999, frames.get(59).funcIndex());
        List<String> lines = trap.formatBacktrace().lines().toList();
        assertEquals(62, lines.size());
        assertEquals("     49: 0x131 - m!f49", lines.get(50));
        assertEquals("       ... 940 frames omitted ...", lines.get(51));
        assertEquals("    990: 0x4de - m!f990", lines.get(52));
        assertEquals("    999: 0x4e7 - m!f999", lines.get(61));
    }

    @Test
    void framesFromAModuleUseItsNamesAndBinaryOffsets() {
        Module m = new Module();
        m.names().setModuleName("prog.wasm");
        m.names().functionNames().put(3, "work");
        TrapException trap = new TrapException("x");
        trap.addWasmFrame(m, 3, new FunctionBody(new ValType[0], new byte[] {0x0b}, 0x40), 2);
        trap.addWasmFrame(m, 4, new FunctionBody(new ValType[0], new byte[] {0x0b}, -1), 7);
        assertEquals(new WasmFrame("prog.wasm", 3, "work", 0x42, true), trap.wasmBacktrace().get(0));
        assertEquals(new WasmFrame("prog.wasm", 4, null, 7, false), trap.wasmBacktrace().get(1));
        assertEquals("wasm backtrace:\n    0: 0x42 - prog.wasm!work\n    1: body+0x7 - prog.wasm!func[4]",
                trap.formatBacktrace());
        assertEquals("<unnamed>!func[4]", new WasmFrame(null, 4, null, 0, true).location());
    }

    @Test
    void hostFailuresNameTheFunction() {
        IllegalStateException cause = new IllegalStateException("bad state");
        TrapException trap = TrapException.fromHost("env.f", cause);
        assertEquals("host function env.f failed: IllegalStateException: bad state", trap.getMessage());
        assertSame(cause, trap.getCause());
        assertEquals("host function env.g failed: NullPointerException",
                TrapException.fromHost("env.g", new NullPointerException()).getMessage());
    }
}

package org.ssvm.text.wast;

import java.util.List;

/** A parsed WAST script: its commands in order. */
public record Script(String fileName, List<Command> commands) {
    public Script {
        commands = List.copyOf(commands);
    }
}

package org.ssvm.text.wast;

import java.util.List;

/** Something a script does to an instantiated module. */
public sealed interface Action {
    /** The module the action targets ({@code $name} with its dollar), or null for the most recent module. */
    String moduleId();

    /** The export the action uses. */
    String name();

    /** {@code (invoke $m? "name" args...)}: call an exported function. */
    record Invoke(String moduleId, String name, List<Value> args) implements Action {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $m? "name")}: read an exported global. */
    record Get(String moduleId, String name) implements Action {
    }
}

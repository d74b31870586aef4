package org.ssvm.text.wast;

/**
 * A module as it appears in a script.
 *
 * @param line   source line of the {@code (module}
 * @param id     the module's {@code $name} (with the dollar), or null
 * @param source the module's text, bytes or quoted text
 */
public record ModuleDef(int line, String id, ModuleSource source) {
}

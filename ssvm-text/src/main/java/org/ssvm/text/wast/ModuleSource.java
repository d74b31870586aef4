package org.ssvm.text.wast;

import org.ssvm.model.Module;

/**
 * How a script spells a module. Kept unevaluated: binary modules are not decoded and quoted modules are not
 * parsed, because an assertion may expect exactly that step to fail.
 */
public sealed interface ModuleSource {
    /**
     * {@code (module ...)} in text: already parsed (text modules in the suite are always well-formed).
     *
     * @param module     the parsed module
     * @param sourceText the module's text exactly as the script spells it, from {@code (module} to the closing
     *                   parenthesis (or the whole script when it is made of bare module fields); null when
     *                   the module was not built from a script. Kept so that other tools can be fed the same
     *                   module, as the differential test against wabt does.
     */
    record Text(Module module, String sourceText) implements ModuleSource {
        /** A parsed module without its source text. */
        public Text(Module module) {
            this(module, null);
        }
    }

    /** {@code (module binary "...")}: the concatenated bytes, to be decoded by the executor. */
    record Binary(byte[] bytes) implements ModuleSource {
    }

    /**
     * {@code (module quote "...")}: the concatenated strings (joined with spaces), to be parsed with
     * {@link org.ssvm.text.Wat#parseModule(String)}; the text may be a {@code (module ...)} or bare fields.
     */
    record Quote(String text) implements ModuleSource {
    }
}

package org.ssvm.text;

import org.ssvm.model.Module;

/** Entry point of the WebAssembly text format parser. */
public final class Wat {
    private Wat() {
    }

    /**
     * Parses a WAT module, either {@code (module ...)} or a bare sequence of module fields. Function bodies come
     * out as binary instruction bytes; identifiers are resolved to indices and recorded in the name section.
     *
     * @throws org.ssvm.DecodeException when the text is malformed; the message starts with the spec's wording
     *                                  where it has one and names line:column and the offending token
     */
    public static Module parseModule(String text) {
        Lexer lx = Lexer.tokenize(text);
        ModuleParser p = new ModuleParser(lx, 0);
        Module m = p.parse();
        if (lx.kind(p.position()) != Lexer.EOF) {
            throw p.error("unexpected token");
        }
        return m;
    }

    /**
     * Parses the module starting at token {@code pos} ({@code (module ...)}) of an already tokenized text and
     * returns it; {@code endOut[0]} receives the index of the token after the module. Used by the WAST parser.
     */
    public static Module parseModuleAt(Lexer lx, int pos, int[] endOut) {
        ModuleParser p = new ModuleParser(lx, pos);
        Module m = p.parse();
        endOut[0] = p.position();
        return m;
    }
}

package org.ssvm.model;

/**
 * The code of a function defined by the module.
 *
 * @param locals     the declared locals, expanded one entry per local (parameters not included)
 * @param code       the body's instructions in binary encoding, ending with the final {@code end}
 * @param codeOffset byte offset of {@code code[0]} in the module's binary, or -1 when the module came from
 *                   text; used to point error messages and backtraces at the right place
 */
public record FunctionBody(ValType[] locals, byte[] code, int codeOffset) {
}

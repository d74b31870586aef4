/**
 * The WebAssembly 2.0 text format.
 *
 * <p>{@link org.ssvm.text.Wat#parseModule(String)} turns a WAT module into the shared
 * {@link org.ssvm.model.Module}: function bodies and constant expressions come out in their binary encoding
 * (exactly what the binary decoder would produce, with {@code codeOffset} -1), identifiers are resolved to
 * indices and kept in the name section, and every abbreviation (inline imports, exports, element and data
 * segments, implicit type uses) is expanded. The data count is always set, to the number of data segments.
 *
 * <p>Malformed text raises {@link org.ssvm.DecodeException} whose message starts with the reference
 * interpreter's wording ("unknown operator", "unexpected token", "constant out of range", "alignment",
 * "mismatching label", "unknown label", "unknown type", "inline function type", "duplicate func",
 * "import after function", "malformed UTF-8 encoding", ...) and ends with {@code at LINE:COLUMN near 'TOKEN'}.
 * Identifiers that are not defined are malformed; numeric indices are not checked here (the validator does).
 *
 * <p>The pieces: {@link org.ssvm.text.Lexer} (tokens in parallel arrays over a char array),
 * {@link org.ssvm.text.Numbers} (integer and exactly rounded float literals), {@code ModuleParser} (module
 * fields, two passes so that identifiers may be used before their definition) and {@code InstrParser}
 * (plain and folded instructions to binary).
 */
package org.ssvm.text;

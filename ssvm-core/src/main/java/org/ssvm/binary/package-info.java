/**
 * The WebAssembly 2.0 binary format, both directions.
 *
 * <ul>
 *   <li>{@link org.ssvm.binary.ModuleDecoder} turns a {@code .wasm} file into an {@link org.ssvm.model.Module},
 *       reporting malformed input with the spec reference interpreter's error categories.</li>
 *   <li>{@link org.ssvm.binary.ModuleEncoder} writes a module back out.</li>
 *   <li>{@link org.ssvm.binary.CodeReader} walks function bodies instruction by instruction (opcode plus
 *       immediates) without allocating; the validator and the interpreter use it too.</li>
 *   <li>{@link org.ssvm.binary.BinaryReader} and {@link org.ssvm.binary.ByteWriter} hold the primitive
 *       encodings (LEB128 with the spec's limits, little-endian floats, UTF-8 names).</li>
 * </ul>
 */
package org.ssvm.binary;

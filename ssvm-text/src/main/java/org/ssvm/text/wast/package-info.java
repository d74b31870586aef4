/**
 * WAST scripts, the format of the WebAssembly spec tests.
 *
 * <p>{@link org.ssvm.text.wast.Wast#parse(String, String)} returns a {@link org.ssvm.text.wast.Script}: a list
 * of {@link org.ssvm.text.wast.Command}s, each with its source line. Commands are plain immutable records
 * grouped under sealed interfaces, so an executor can {@code switch} over them exhaustively:
 *
 * <ul>
 *   <li>{@link org.ssvm.text.wast.Command.DefineModule}, {@link org.ssvm.text.wast.Command.Register},
 *       {@link org.ssvm.text.wast.Command.Perform} (a bare action);</li>
 *   <li>assertions on actions: {@code AssertReturn} (with {@link org.ssvm.text.wast.Expected} results),
 *       {@code AssertTrap} (on an action, or on a module whose instantiation traps), {@code AssertExhaustion};
 *   </li>
 *   <li>assertions on modules: {@code AssertInvalid}, {@code AssertMalformed}, {@code AssertUnlinkable},
 *       {@code AssertUninstantiable}.</li>
 * </ul>
 *
 * <p>Modules ({@link org.ssvm.text.wast.ModuleDef}) stay unevaluated: a text module is already parsed into a
 * {@link org.ssvm.model.Module} (not validated); a binary module is its bytes, to be decoded; a quoted module is
 * its text, to be parsed with {@link org.ssvm.text.Wat#parseModule(String)} because that step may be the one
 * expected to fail. A text module under {@code assert_malformed} is likewise kept as quoted source.
 *
 * <p>Values ({@link org.ssvm.text.wast.Value}) are raw bits: compare floats by bits, never by {@code ==}.
 * Expected results add patterns: {@code nan:canonical}, {@code nan:arithmetic}, per-lane patterns for
 * {@code f32x4}/{@code f64x2} vectors, any non-null {@code ref.func}/{@code ref.extern}, and {@code either}.
 */
package org.ssvm.text.wast;

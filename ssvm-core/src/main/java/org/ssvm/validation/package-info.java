/**
 * WebAssembly 2.0 validation. {@link org.ssvm.validation.Validator#validate} checks a whole
 * {@link org.ssvm.model.Module}; {@link org.ssvm.validation.FunctionValidator} checks one body with the spec's
 * stack algorithm and can report the operand types it sees to an observer. Error messages start with the
 * reference interpreter's wording, which the spec suite's {@code assert_invalid} compares by prefix.
 */
package org.ssvm.validation;

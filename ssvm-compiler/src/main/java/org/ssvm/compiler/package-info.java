/**
 * SSVM's compiler from WebAssembly to JVM bytecode, an {@link org.ssvm.runtime.ExecutionEngine} built with the
 * JDK's {@code java.lang.classfile} API. Entry point: {@link org.ssvm.compiler.CompilerEngine}.
 */
package org.ssvm.compiler;

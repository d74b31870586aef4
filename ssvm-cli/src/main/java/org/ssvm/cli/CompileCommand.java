package org.ssvm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssvm.WasmException;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.compiler.AotCompiler;
import org.ssvm.text.Wat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssvm compile}: ahead-of-time compilation into an {@code ssvm.aot} custom section. */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compile a module (.wasm or .wat) to JVM classes ahead of time and write it as a .wasm file with "
                    + "the classes in a custom section named 'ssvm.aot'.",
            "",
            "'ssvm run --engine compiler' then uses the stored classes instead of compiling the module at "
                    + "start. Other runtimes ignore the section: the file stays a valid module that means the "
                    + "same.",
            "",
            "The classes are used only by the same SSVM build on the same JDK version with the default "
                    + "compiler options, and only while the rest of the module is unchanged; otherwise SSVM "
                    + "warns and compiles as usual. Stored classes are code: they are verified and may call "
                    + "only SSVM's runtime, yet run files with this section only from sources you trust."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExample:%n",
        footer = {"  ssvm compile app.wasm -o app.aot.wasm && ssvm run --engine compiler app.aot.wasm"})
final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", description = "The module to compile (.wasm binary or .wat text).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "The .wasm file to write (may be IN itself).")
    Path output;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = ModuleLoader.read(input);
        byte[] compiled;
        try {
            byte[] binary = ModuleLoader.isBinary(bytes) ? bytes
                    : ModuleEncoder.encode(Wat.parseModule(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            compiled = AotCompiler.compile(binary);
        } catch (WasmException e) {
            throw new WasmException(input + ": " + e.getMessage(), e);
        }
        Files.write(output, compiled);
        return 0;
    }
}

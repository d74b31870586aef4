package org.ssvm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ssvm.binary.ModuleEncoder;
import org.ssvm.model.Module;
import org.ssvm.validation.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssvm wat2wasm}: translates the text format to the binary format. */
@Command(name = "wat2wasm", mixinStandardHelpOptions = true,
        description = "Translate a text module (.wat) to a binary module (.wasm).")
final class Wat2WasmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", description = "The .wat file to read.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The .wasm file to write.")
    Path output;

    @Option(names = "--no-check", description = "Write the module without validating it first.")
    boolean noCheck;

    @Override
    public Integer call() throws IOException {
        Module module = ModuleLoader.load(input);
        if (!noCheck) {
            Validator.validate(module);
        }
        Files.write(output, ModuleEncoder.encode(module));
        return 0;
    }
}

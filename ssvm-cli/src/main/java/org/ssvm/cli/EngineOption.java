package org.ssvm.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import org.ssvm.EngineKind;
import picocli.CommandLine;

/** Parses {@code --engine interpreter|compiler} into an {@link EngineKind}. */
final class EngineOption implements CommandLine.ITypeConverter<EngineKind> {
    @Override
    public EngineKind convert(String value) {
        try {
            return EngineKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    "unknown engine '" + value + "' (expected one of: " + String.join(", ", new Names()) + ")");
        }
    }

    /** The engine names, for help texts. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(EngineKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}

package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.Engine;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/** The engines {@code --engine} takes, in any case: the described ones, listed in its help. */
final class KnownEngines implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Engine.known().stream().map(Engine::name).iterator();
    }

    /** The engine named, in any case; picocli's one-line usage error otherwise. */
    static Engine parse(String text) {
        return Engine.known(text.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new CommandLine.TypeConversionException(
                        "expected one of " + Engine.known() + " (case-insensitive) but was '" + text + "'"));
    }
}

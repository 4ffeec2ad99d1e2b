package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a state's Catch.
 *
 * @param errorEquals the error names it handles
 * @param resultPath  where the error output goes in the state's input
 * @param assign      the Assign template, evaluated on the error output, or null
 * @param next        the state it goes to
 */
public record Catcher(List<String> errorEquals, DataPath resultPath, JsonNode assign, String next) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
        Objects.requireNonNull(resultPath, "resultPath");
        Objects.requireNonNull(next, "next");
    }

    /** Whether this catcher handles {@code failure} (see {@link StatesError#matches}). */
    public boolean handles(StatesError failure) {
        return errorEquals.stream().anyMatch(failure::matches);
    }
}

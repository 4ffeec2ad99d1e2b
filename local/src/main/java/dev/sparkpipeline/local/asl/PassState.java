package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A Pass state: its result is the Parameters evaluated, else its Result, else its effective input.
 *
 * @param inputPath  InputPath
 * @param parameters the Parameters payload template, or null
 * @param result     the Result (any JSON, {@code null} included), or null when there is none
 * @param resultPath ResultPath
 * @param outputPath OutputPath
 * @param assign     the Assign template, evaluated on the result, or null
 * @param next       the next state, or null when this one ends the execution
 */
public record PassState(
        DataPath inputPath,
        JsonNode parameters,
        JsonNode result,
        DataPath resultPath,
        DataPath outputPath,
        JsonNode assign,
        String next)
        implements State {

    @Override
    public Map<String, String> transitions() {
        return next == null ? Map.of() : Map.of("Next", next);
    }
}

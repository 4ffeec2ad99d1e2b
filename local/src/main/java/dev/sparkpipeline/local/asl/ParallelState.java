package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Parallel state: every branch runs on the same input; the result is their outputs in order.
 *
 * @param inputPath      InputPath
 * @param parameters     the Parameters payload template (the branches' input), or null
 * @param branches       the branches, each a definition of its own
 * @param outcome        what becomes of the outputs (ResultSelector... Next) or of a failure (Retry, Catch)
 */
public record ParallelState(
        DataPath inputPath, JsonNode parameters, List<StateMachineDefinition> branches, Outcome outcome)
        implements Recoverable {

    public ParallelState {
        branches = List.copyOf(branches);
    }
}

package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A Parallel state: every branch runs on the same input; the result is their outputs in order.
 *
 * @param inputPath      InputPath
 * @param parameters     the Parameters payload template (the branches' input), or null
 * @param branches       the branches, each a definition of its own
 * @param resultSelector the ResultSelector payload template, or null
 * @param resultPath     ResultPath
 * @param outputPath     OutputPath
 * @param assign         the Assign template, or null
 * @param retry          the retriers, in order
 * @param catchers       the catchers, in order
 * @param next           the next state, or null when this one ends the execution
 */
public record ParallelState(
        DataPath inputPath,
        JsonNode parameters,
        List<StateMachineDefinition> branches,
        JsonNode resultSelector,
        DataPath resultPath,
        DataPath outputPath,
        JsonNode assign,
        List<Retrier> retry,
        List<Catcher> catchers,
        String next)
        implements State, Recoverable {

    public ParallelState {
        branches = List.copyOf(branches);
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    @Override
    public Map<String, String> transitions() {
        return Transitions.of(next, catchers);
    }
}

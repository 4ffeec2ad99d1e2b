package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A Task state: its resource runs with the effective parameters (see {@link TaskRunner}).
 *
 * @param resource             the resource's ARN
 * @param inputPath            InputPath
 * @param parameters           the Parameters payload template, or null (the task gets the effective input)
 * @param resultSelector       the ResultSelector payload template, or null
 * @param resultPath           ResultPath
 * @param outputPath           OutputPath
 * @param assign               the Assign template, or null
 * @param timeoutSeconds       TimeoutSeconds, or null
 * @param timeoutSecondsPath   TimeoutSecondsPath (read from the effective input), or null; at most one of the two
 * @param heartbeatSeconds     HeartbeatSeconds, or null: checked, not enforced, as an in-process task has no
 *                             heartbeats to miss (they matter for activities and task tokens, which are not supported)
 * @param heartbeatSecondsPath HeartbeatSecondsPath, or null: likewise
 * @param retry                the retriers, in order
 * @param catchers             the catchers, in order
 * @param next                 the next state, or null when this one ends the execution ({@code "End": true})
 */
public record TaskState(
        String resource,
        DataPath inputPath,
        JsonNode parameters,
        JsonNode resultSelector,
        DataPath resultPath,
        DataPath outputPath,
        JsonNode assign,
        Long timeoutSeconds,
        String timeoutSecondsPath,
        Long heartbeatSeconds,
        String heartbeatSecondsPath,
        List<Retrier> retry,
        List<Catcher> catchers,
        String next)
        implements State, Recoverable {

    public TaskState {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    @Override
    public Map<String, String> transitions() {
        return Transitions.of(next, catchers);
    }
}

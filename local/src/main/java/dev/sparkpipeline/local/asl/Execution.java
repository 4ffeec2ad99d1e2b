package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How an execution ended.
 *
 * @param status  SUCCEEDED, FAILED, TIMED_OUT or ABORTED (stopped)
 * @param output  the output when it succeeded
 * @param error   the error name when it failed
 * @param cause   the cause when it failed or was stopped
 * @param history what happened, in order
 */
public record Execution(String status, JsonNode output, String error, String cause, List<HistoryEvent> history) {

    /** The names of the states entered, in order. */
    public List<String> statesEntered() {
        return history.stream()
                .filter(event -> event.type() == HistoryEvent.Type.STATE_ENTERED)
                .map(HistoryEvent::state)
                .toList();
    }
}

package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the states that do work (Task, Parallel, Map) do with the outcome of that work, the fields
 * they share: a result goes through ResultSelector, Assign, ResultPath and OutputPath in that order
 * and on to Next; a failure is retried by the retriers, else caught by the first catcher that
 * handles it.
 *
 * @param resultSelector the ResultSelector payload template, or null
 * @param resultPath     ResultPath
 * @param outputPath     OutputPath
 * @param assign         the Assign template, or null
 * @param retry          the retriers, in order
 * @param catchers       the catchers, in order
 * @param next           the next state, or null when the state ends the execution ({@code "End": true})
 */
public record Outcome(
        JsonNode resultSelector,
        DataPath resultPath,
        DataPath outputPath,
        JsonNode assign,
        List<Retrier> retry,
        List<Catcher> catchers,
        String next) {

    public Outcome {
        retry = List.copyOf(retry);
        catchers = List.copyOf(catchers);
    }

    /** The working state's {@link State#transitions()}: its Next, then its catchers' Next. */
    Map<String, String> transitions() {
        Map<String, String> transitions = new LinkedHashMap<>();
        if (next != null) {
            transitions.put("Next", next);
        }
        for (int i = 0; i < catchers.size(); i++) {
            transitions.put("Catch[" + i + "].Next", catchers.get(i).next());
        }
        return Collections.unmodifiableMap(transitions);
    }
}

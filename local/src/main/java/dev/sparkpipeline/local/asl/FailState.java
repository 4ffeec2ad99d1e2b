package dev.sparkpipeline.local.asl;

import java.util.Map;

/**
 * A Fail state: the execution fails with an error and a cause, each given or read from the state's
 * input (a path, or an intrinsic function such as {@code States.Format}).
 *
 * @param error     Error, or null
 * @param errorPath ErrorPath, or null; at most one of the two
 * @param cause     Cause, or null
 * @param causePath CausePath, or null; at most one of the two
 */
public record FailState(String error, String errorPath, String cause, String causePath) implements State {

    @Override
    public Map<String, String> transitions() {
        return Map.of();
    }
}

package dev.sparkpipeline.local.asl;

/**
 * An error raised while running a state: its ASL error name (what Retry and Catch match) and cause.
 * {@code States.Runtime} errors fail the execution whatever the state's Catch says.
 */
public class StatesError extends RuntimeException {

    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /**
     * Whether a Retry or Catch listing {@code name} handles this error: {@code States.ALL} matches
     * everything but {@code States.Runtime} and {@code States.DataLimitExceeded} (which only its own
     * name catches), {@code States.TaskFailed} everything but those and {@code States.Timeout};
     * other names match exactly.
     */
    public boolean matches(String name) {
        if (RUNTIME.equals(error)) {
            return false;
        }
        if (ALL.equals(name)) {
            return !DATA_LIMIT_EXCEEDED.equals(error);
        }
        if (TASK_FAILED.equals(name)) {
            return !TIMEOUT.equals(error) && !DATA_LIMIT_EXCEEDED.equals(error);
        }
        return name.equals(error);
    }
}

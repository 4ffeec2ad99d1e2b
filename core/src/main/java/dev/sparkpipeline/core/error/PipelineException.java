package dev.sparkpipeline.core.error;

/**
 * Base of every typed pipeline error. The Lambda Java runtime reports a thrown exception's
 * fully qualified class name as its {@code errorType}, which is the error name the state
 * machine's Retry and Catch match on: renaming or moving a subclass changes the contract with
 * {@code statemachine/pipeline.asl.json}.
 */
public abstract class PipelineException extends RuntimeException {

    /** Each type passes a constant: the state machine's Retry matches types, so an instance cannot differ. */
    private final boolean retriable;

    protected PipelineException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** True when trying the same call again later may succeed. */
    public final boolean retriable() {
        return retriable;
    }
}

package dev.sparkpipeline.core.error;

/**
 * Base of every typed pipeline error. The Lambda Java runtime reports a thrown exception's
 * fully qualified class name as its {@code errorType}, which is the error name the state
 * machine's Retry and Catch match on: renaming or moving a subclass changes the contract with
 * {@code statemachine/pipeline.asl.json}.
 */
public abstract class PipelineException extends RuntimeException {

    protected PipelineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when trying the same call again later may succeed. */
    public abstract boolean retriable();
}

package dev.sparkpipeline.core.error;

/** An error that a later attempt of the same call may not hit: the state machine retries it. */
public abstract class RetriableEngineException extends PipelineException {

    protected RetriableEngineException(String message, Throwable cause) {
        super(message, cause, true);
    }
}

package dev.sparkpipeline.core.error;

/** An error that retrying cannot fix: the state machine goes straight to its failure path. */
public abstract class PermanentEngineException extends PipelineException {

    protected PermanentEngineException(String message, Throwable cause) {
        super(message, cause, false);
    }
}

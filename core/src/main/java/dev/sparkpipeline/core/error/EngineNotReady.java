package dev.sparkpipeline.core.error;

/** The engine cannot take the job yet (an application starting or stopping). */
public final class EngineNotReady extends RetriableEngineException {

    public EngineNotReady(String message) {
        super(message, null);
    }

    public EngineNotReady(String message, Throwable cause) {
        super(message, cause);
    }
}

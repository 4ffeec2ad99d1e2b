package dev.sparkpipeline.core.error;

/** The engine refused the call for now because of its request rate. */
public final class EngineThrottled extends RetriableEngineException {

    public EngineThrottled(String message) {
        super(message, null);
    }

    public EngineThrottled(String message, Throwable cause) {
        super(message, cause);
    }
}

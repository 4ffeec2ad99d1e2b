package dev.sparkpipeline.core.error;

/** The engine's API failed on its side (HTTP 5xx) after the SDK's own retries. */
public final class EngineUnavailable extends RetriableEngineException {

    public EngineUnavailable(String message) {
        super(message, null);
    }

    public EngineUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

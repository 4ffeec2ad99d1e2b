package dev.sparkpipeline.core.error;

/** The engine already runs as many jobs as its quota allows. */
public final class ConcurrentRunsExceeded extends RetriableEngineException {

    public ConcurrentRunsExceeded(String message) {
        super(message, null);
    }

    public ConcurrentRunsExceeded(String message, Throwable cause) {
        super(message, cause);
    }
}

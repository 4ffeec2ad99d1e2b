package dev.sparkpipeline.core.error;

/** The application, job, cluster or object the call names does not exist. */
public final class NotFound extends PermanentEngineException {

    public NotFound(String message) {
        super(message, null);
    }

    public NotFound(String message, Throwable cause) {
        super(message, cause);
    }
}

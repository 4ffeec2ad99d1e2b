package dev.sparkpipeline.core.error;

/** The pipeline's role may not make this call. */
public final class AccessDenied extends PermanentEngineException {

    public AccessDenied(String message) {
        super(message, null);
    }

    public AccessDenied(String message, Throwable cause) {
        super(message, cause);
    }
}

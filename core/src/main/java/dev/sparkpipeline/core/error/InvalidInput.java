package dev.sparkpipeline.core.error;

/** An execution input or function event is malformed; the message names the field. */
public final class InvalidInput extends PermanentEngineException {

    public InvalidInput(String message) {
        super(message, null);
    }

    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }
}

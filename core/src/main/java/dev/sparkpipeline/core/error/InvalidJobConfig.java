package dev.sparkpipeline.core.error;

/** The engine rejected the job's configuration. */
public final class InvalidJobConfig extends PermanentEngineException {

    public InvalidJobConfig(String message) {
        super(message, null);
    }

    public InvalidJobConfig(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.sparkpipeline.core.dataset;

/** {@code config/datasets.json} is malformed; the message names the field. */
public final class InvalidDatasetConfig extends RuntimeException {

    public InvalidDatasetConfig(String message) {
        super(message);
    }

    public InvalidDatasetConfig(String message, Throwable cause) {
        super(message, cause);
    }
}

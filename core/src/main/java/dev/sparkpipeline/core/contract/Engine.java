package dev.sparkpipeline.core.contract;

/** The engines a curate job can run on; {@link #LOCAL} exists only in the offline runner. */
public enum Engine {
    EMR_SERVERLESS,
    GLUE,
    EMR,
    LOCAL;

    /** The engine used when an execution input names none. */
    public static final Engine DEFAULT = EMR_SERVERLESS;
}

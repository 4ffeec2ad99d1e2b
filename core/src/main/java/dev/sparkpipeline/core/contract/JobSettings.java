package dev.sparkpipeline.core.contract;

import java.util.Map;

/**
 * Per-execution job settings: what a person may override when starting an execution by hand.
 *
 * @param timeoutMinutes        deadline of the job run itself
 * @param arguments             extra job arguments, passed to the Spark job as {@code --key value}
 * @param sparkSubmitParameters extra spark-submit parameters (EMR Serverless, EMR), or null
 * @param clusterId             an existing EMR cluster to run on, or null for a transient one
 */
public record JobSettings(
        int timeoutMinutes, Map<String, String> arguments, String sparkSubmitParameters, String clusterId) {

    /** The deadline used when a dataset or an input sets none. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 60;

    public JobSettings {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }
}

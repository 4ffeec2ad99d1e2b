package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.ExecutionInput;
import java.time.Instant;

/**
 * A request to run the curate job for one execution.
 *
 * @param executionName the Step Functions execution name: the idempotency key of the submission
 * @param input         the execution input
 * @param clusterId     the EMR cluster to add the step to, or null for other engines
 * @param startedAt     when the execution started (its file began waiting for a job), or null when unknown
 */
public record JobRequest(String executionName, ExecutionInput input, String clusterId, Instant startedAt) {

    /** A request whose execution's start is unknown: its queue counts from the submission. */
    public JobRequest(String executionName, ExecutionInput input, String clusterId) {
        this(executionName, input, clusterId, null);
    }
}

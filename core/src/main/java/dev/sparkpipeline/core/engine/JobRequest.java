package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.ExecutionInput;

/**
 * A request to run the curate job for one execution.
 *
 * @param executionName the Step Functions execution name: the idempotency key of the submission
 * @param input         the execution input
 * @param clusterId     the EMR cluster to add the step to, or null for other engines
 */
public record JobRequest(String executionName, ExecutionInput input, String clusterId) {}

package dev.sparkpipeline.submit;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.JobRequest;

/**
 * The submit function's event, as the state machine's SubmitJob state shapes it.
 *
 * @param executionName the execution's name, which makes the submission idempotent
 * @param input         the execution input
 * @param clusterId     the EMR cluster for an EMR job, null for other engines
 */
public record SubmitRequest(String executionName, ExecutionInput input, String clusterId) {

    JobRequest toJobRequest() {
        return new JobRequest(executionName, input, clusterId);
    }
}

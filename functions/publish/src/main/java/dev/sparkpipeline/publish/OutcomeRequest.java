package dev.sparkpipeline.publish;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.JobRun;

/**
 * The event of the functions that close an execution: publish after success, record after
 * failure.
 *
 * @param executionName the execution's name
 * @param input         the execution input
 * @param run           the job's last known handle and status, or null if none was submitted
 * @param failure       why the execution failed, or null after success
 */
public record OutcomeRequest(String executionName, ExecutionInput input, JobRun run, FailureDetails failure) {
}

package dev.sparkpipeline.core.execution;

/**
 * The result of asking for an execution.
 *
 * @param executionId the execution's ARN (cloud) or id (local)
 * @param duplicate   true when an execution with this name already existed, so none was started
 */
public record StartOutcome(String executionId, boolean duplicate) {}

package dev.sparkpipeline.publish;

/**
 * Why an execution failed, as the state machine's failure path collects it.
 *
 * @param kind  the failure kind, also the Fail state's error name (JobFailed, JobTimedOut, ...)
 * @param cause the engine's reason or the caught error's cause
 */
public record FailureDetails(String kind, String cause) {
}

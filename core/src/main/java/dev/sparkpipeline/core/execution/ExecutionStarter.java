package dev.sparkpipeline.core.execution;

import dev.sparkpipeline.core.contract.ExecutionInput;

/** Starts a pipeline execution: Step Functions in the cloud, the local interpreter offline. */
public interface ExecutionStarter {

    /**
     * Starts an execution with this name and input.
     *
     * @return the outcome; a name already used for the same input is {@link StartOutcome#duplicate}
     */
    StartOutcome start(String executionName, ExecutionInput input);
}

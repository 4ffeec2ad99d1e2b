package dev.sparkpipeline.core.aws;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.ExecutionInputJson;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * {@link ExecutionStarter} on AWS Step Functions. A name already used means this object version
 * already has an execution: a duplicate, not an error.
 */
public final class StepFunctionsExecutionStarter implements ExecutionStarter {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsExecutionStarter(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public StartOutcome start(String executionName, ExecutionInput input) {
        try {
            var started = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName)
                    .input(ExecutionInputJson.write(input)));
            return new StartOutcome(started.executionArn(), false);
        } catch (ExecutionAlreadyExistsException e) {
            return new StartOutcome(executionArn(executionName), true);
        }
    }

    /** Execution ARNs are the state machine's ARN with {@code execution} and the name. */
    private String executionArn(String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }
}

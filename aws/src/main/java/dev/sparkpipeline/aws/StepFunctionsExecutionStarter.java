package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.priming.CannedResponse;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * {@link ExecutionStarter} on AWS Step Functions. A name already used means this object version
 * already has an execution: a duplicate, not an error. Step Functions answers a repeated start
 * of a running execution (same name, same input) with success and the original start date, and
 * a repeated start of a closed one with ExecutionAlreadyExists; both are duplicates.
 */
public record StepFunctionsExecutionStarter(SfnClient sfn, String stateMachineArn, Clock clock)
        implements ExecutionStarter {

    /** Clock skew allowed between this function and Step Functions when dating a start. */
    static final Duration SKEW = Duration.ofSeconds(2);

    @Override
    public StartOutcome start(String executionName, ExecutionInput input) {
        Instant asked = clock.instant();
        try {
            var started = sfn.startExecution(b -> b.stateMachineArn(stateMachineArn)
                    .name(executionName)
                    .input(new String(ExecutionInputJson.write(input), StandardCharsets.UTF_8)));
            boolean startedBefore =
                    started.startDate() != null && started.startDate().isBefore(asked.minus(SKEW));
            return new StartOutcome(started.executionArn(), startedBefore);
        } catch (ExecutionAlreadyExistsException e) {
            return new StartOutcome(executionArn(executionName), true);
        }
    }

    /** Execution ARNs are the state machine's ARN with {@code execution} and the name. */
    private String executionArn(String executionName) {
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }

    /** What Step Functions answers to a StartExecution that starts one. For SnapStart warm-ups ({@link CannedResponse}). */
    public static List<CannedResponse> cannedAnswers() {
        return List.of(CannedResponse.json("AWSStepFunctions.StartExecution", """
                {"executionArn": "arn:aws:states:us-east-1:000000000000:execution:snapstart-priming:snapstart-priming",
                 "startDate": 1767225600}"""));
    }
}

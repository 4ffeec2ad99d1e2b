package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #9: the validate function's SnapStart warm-up runs its success path on canned answers, off the network. */
class SnapStartWarmUpTest {

    @Test
    void theWarmUpAcceptsAFileAndStartsAnExecutionOnCannedAnswersAlone() {
        // Nothing listens on the discard port: a call that reached the network would fail the warm-up.
        var environment = WarmUpEnvironment.unreachable(Map.of(
                "STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:warm-up",
                "QUARANTINE_BUCKET", "warm-up",
                "INTAKE_QUEUE_URL", "http://127.0.0.1:9/000000000000/warm-up"));
        var handler = new ValidateObjectHandler(ValidateFunction.build(environment, AwsAdapters.of(environment)));

        // A quarantine would copy the file, for which there is no answer: no failure means accepted and started.
        assertThat(handler.registerPriming().runNow()).isEmpty();
    }
}

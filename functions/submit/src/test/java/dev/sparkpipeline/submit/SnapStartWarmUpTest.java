package dev.sparkpipeline.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import org.junit.jupiter.api.Test;

/** Issue #9: the submit function's SnapStart warm-up submits a job on canned answers, off the network. */
class SnapStartWarmUpTest {

    @Test
    void theWarmUpSubmitsAJobOnCannedAnswersAlone() {
        FunctionEnvironment unreachable = WarmUpEnvironment.engines();
        var handler = new SubmitJobHandler(SubmitJobFunction.build(unreachable, AwsAdapters.of(unreachable)));

        assertThat(handler.registerPriming().runNow()).isEmpty();
    }
}

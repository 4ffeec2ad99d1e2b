package dev.sparkpipeline.submit;

import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #9: the submit function's SnapStart warm-up submits a job on canned answers, off the network. */
class SnapStartWarmUpTest {

    @Test
    void theWarmUpSubmitsAJobOnCannedAnswersAlone() {
        assertThat(new SubmitJobHandler(WarmUpEnvironment.engines()).registerPriming().runNow()).isEmpty();
    }
}

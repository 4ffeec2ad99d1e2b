package dev.sparkpipeline.track;

import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #9: the track function's SnapStart warm-up polls a running job on canned answers, off the network. */
class SnapStartWarmUpTest {

    @Test
    void theWarmUpPollsARunningJobOnCannedAnswersAlone() {
        assertThat(new TrackJobHandler(WarmUpEnvironment.engines()).registerPriming().runNow()).isEmpty();
    }
}

package dev.sparkpipeline.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.testing.WarmUpEnvironment;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import org.junit.jupiter.api.Test;

/** Issue #9: the track function's SnapStart warm-up polls a running job on canned answers, off the network. */
class SnapStartWarmUpTest {

    @Test
    void theWarmUpPollsARunningJobOnCannedAnswersAlone() {
        FunctionEnvironment unreachable = WarmUpEnvironment.engines();
        var handler = new TrackJobHandler(TrackJobFunction.build(unreachable, AwsAdapters.of(unreachable)));

        assertThat(handler.registerPriming().runNow()).isEmpty();
    }
}

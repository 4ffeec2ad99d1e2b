package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private final PollSchedule noJitter = new PollSchedule(() -> 0.5);
    private final PollSchedule lowestJitter = new PollSchedule(() -> 0.0);
    private final PollSchedule highestJitter = new PollSchedule(() -> 0.999);

    @Test
    void aYoungJobIsPolledOften() {
        assertThat(noJitter.nextDelay(0)).isEqualTo(PollSchedule.MIN_SECONDS);
    }

    @Test
    void theDelayGrowsWithTheJobsAge() {
        assertThat(noJitter.nextDelay(600)).isEqualTo(120);
    }

    @Test
    void theDelayStaysUnderAQuarterOfTheElapsedTimeEvenWithJitter() {
        for (long elapsed = 0; elapsed < 7 * 24 * 3600; elapsed += 7) {
            assertThat(highestJitter.nextDelay(elapsed)).isLessThanOrEqualTo(Math.max(15, (int) (elapsed * 0.25)));
        }
    }

    @Test
    void noJobWaitsLongerThanFiveMinutes() {
        assertThat(highestJitter.nextDelay(7 * 24 * 3600)).isLessThanOrEqualTo(300);
    }

    @Test
    void jitterSpreadsJobsStartedTogetherBothWays() {
        assertThat(lowestJitter.nextDelay(600)).isEqualTo(90);
        assertThat(highestJitter.nextDelay(600)).isBetween(145, 150);
    }

    @Test
    void aFasterEnginesFloorReplacesTheCloudFloorForYoungJobsOnly() {
        assertThat(noJitter.nextDelay(0, 1)).isEqualTo(1);
        assertThat(noJitter.nextDelay(600, 1)).isEqualTo(120);
    }

    @Test
    void theScheduleIsCappedFromFiveTimesTheLongestBaseWait() {
        assertThat(noJitter.capped(5 * PollSchedule.MAX_SECONDS - 1)).isFalse();
        assertThat(noJitter.capped(5 * PollSchedule.MAX_SECONDS)).isTrue();
    }
}

package dev.sparkpipeline.core.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollScheduleTest {

    private final PollSchedule noJitter = new PollSchedule(() -> 0.0);
    private final PollSchedule fullJitter = new PollSchedule(() -> 0.999);

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
        for (long elapsed = 60; elapsed <= 1200; elapsed += 30) {
            assertThat(fullJitter.nextDelay(elapsed)).isLessThanOrEqualTo(Math.max(15, (int) (elapsed * 0.25)));
        }
    }

    @Test
    void noJobWaitsLongerThanFiveMinutes() {
        assertThat(fullJitter.nextDelay(7 * 24 * 3600)).isLessThanOrEqualTo(300);
    }

    @Test
    void jitterSpreadsJobsStartedTogether() {
        assertThat(fullJitter.nextDelay(600)).isGreaterThan(noJitter.nextDelay(600));
    }
}

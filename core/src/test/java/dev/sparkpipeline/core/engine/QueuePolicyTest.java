package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueuePolicyTest {

    private final QueuePolicy noJitter = new QueuePolicy(360, () -> 0.5);

    @Test
    void aRefusedSubmissionWaitsLongerEachTimeUpToFiveMinutes() {
        long waited = 0;
        StringBuilder waits = new StringBuilder();
        for (int refusal = 0; refusal < 6; refusal++) {
            int wait = noJitter.capacityWait(waited);
            waits.append(wait).append(' ');
            waited += wait;
        }

        assertThat(waits.toString().trim()).isEqualTo("30 60 120 240 300 300");
    }

    @Test
    void jitterSpreadsRefusedSubmissionsWithoutPassingFiveMinutes() {
        assertThat(new QueuePolicy(360, () -> 0.0).capacityWait(0)).isEqualTo(22);
        assertThat(new QueuePolicy(360, () -> 0.999).capacityWait(3600))
                .isEqualTo(QueuePolicy.LONGEST_CAPACITY_WAIT_SECONDS);
    }

    @Test
    void noWaitReachesPastTheQueuesDeadline() {
        long nearlyThere = noJitter.deadlineSeconds() - 40;

        assertThat(noJitter.capacityWait(nearlyThere)).isEqualTo(40);
    }

    @Test
    void theDeadlineIsTheTimeoutPlusTheGraceThatLetsAnEnginesOwnQueueTimeoutActFirst() {
        assertThat(noJitter.passed(360 * 60 + JobHandle.DEADLINE_GRACE_SECONDS - 1))
                .isFalse();
        assertThat(noJitter.passed(360 * 60 + JobHandle.DEADLINE_GRACE_SECONDS)).isTrue();
    }
}

package dev.sparkpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's state machine, on a virtual clock, watching jobs of every length to their end:
 * Step Functions fails an execution whose history passes 25,000 events, and the tracker promises
 * to notice a job's end within its longest wait (297 s with jitter) plus the call itself.
 */
class LongJobOrchestrationTest {

    private static final int HISTORY_LIMIT = 25_000;

    @Test
    void aWeekLongJobIsWatchedToItsEndWellInsideTheHistoryLimit() {
        OrchestrationRun run = OrchestrationRun.measure(OrchestrationRun.pipelineDefinition(), Duration.ofDays(7), 1);

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.historyEvents()).isLessThan(HISTORY_LIMIT / 2);
        assertThat(run.detectionDelay()).isBetween(Duration.ZERO, Duration.ofMinutes(5));
    }

    @Test
    void aWeekLongJobPolledInAWaitLoopWouldComeCloseToTheLimit() {
        OrchestrationRun run =
                OrchestrationRun.measure(OrchestrationRun.fixedThirtySecondLoop(), Duration.ofDays(1), 1);

        // A day of 30-second polls already costs nine events a poll: 7 days would exceed 25,000.
        assertThat(run.historyEvents() * 7).isGreaterThan(HISTORY_LIMIT);
    }

    @Test
    void aShortJobNeverReachesTheWatch() {
        OrchestrationRun run =
                OrchestrationRun.measure(OrchestrationRun.pipelineDefinition(), Duration.ofMinutes(10), 1);

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.detectionDelay()).isBetween(Duration.ZERO, Duration.ofSeconds(150));
    }
}

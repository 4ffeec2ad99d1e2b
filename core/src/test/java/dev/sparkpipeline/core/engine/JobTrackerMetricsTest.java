package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.testing.MetricLines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a poll publishes: the last poll what the job took (ran, waited, cost), a poll of a job near
 * its deadline that it is; every other poll nothing.
 */
class JobTrackerMetricsTest {

    private static final long SUBMITTED = 1_795_000_000L;
    /** Submitted a minute after its execution started; a 60-minute job: 3,720 s to run, grace included. */
    private static final JobHandle HANDLE =
            JobHandle.of(Engine.GLUE, "jr_1", "curate", "run-1", SUBMITTED, 60).queuedSince(SUBMITTED - 60);
    /** Began running ten minutes after its submission. */
    private static final long BEGAN = SUBMITTED + 600;

    private final MetricLines printed = new MetricLines();

    @Test
    void theLastPollPublishesHowLongTheJobRanAndWaitedForItsDatasetAndEngine() {
        poll(BEGAN + 1200, "SUCCEEDED", Map.of());

        Map<String, Object> document = printed.documentWith(MetricNames.JOB_DURATION_SECONDS);
        assertThat(document)
                .containsEntry("JobDurationSeconds", 1200)
                .containsEntry("QueueSeconds", 660)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "GLUE")
                .containsEntry("Function", "track");
        assertThat(MetricLines.definitions(document))
                .contains(
                        Map.of("Name", "JobDurationSeconds", "Unit", "Seconds"),
                        Map.of("Name", "QueueSeconds", "Unit", "Seconds"));
    }

    @Test
    void theLastPollPublishesTheJobsEstimatedCostInDollars() {
        poll(BEGAN + 1200, "FAILED", Map.of(CostEstimator.DPU_HOURS, 2.0));

        Map<String, Object> document = printed.documentWith(MetricNames.ESTIMATED_COST_USD);
        assertThat(document).containsEntry("EstimatedCostUsd", 0.88);
        assertThat(MetricLines.definitions(document)).contains(Map.of("Name", "EstimatedCostUsd", "Unit", "None"));
    }

    @Test
    void aJobWithoutUsageToPricePublishesNoCost() {
        poll(BEGAN + 1200, "SUCCEEDED", Map.of());

        assertThat(printed.documentWith(MetricNames.QUEUE_SECONDS)).doesNotContainKey("EstimatedCostUsd");
    }

    @Test
    void aJobHeldInTheQueuePublishesItsWaitButNoRunningTime() {
        var status = tracker(SUBMITTED - 60 + 360 * 60 + 120, "WAITING", Map.of())
                .track(HANDLE, null, "orders")
                .status();

        assertThat(status.timedOut()).isTrue();
        assertThat(printed.documentWith(MetricNames.QUEUE_SECONDS))
                .containsEntry("QueueSeconds", 360 * 60 + 120)
                .doesNotContainKey("JobDurationSeconds");
    }

    @Test
    void aPollOfAJobStillRunningWellWithinItsDeadlinePublishesNothing() {
        poll(BEGAN + 1800, "RUNNING", Map.of(CostEstimator.DPU_HOURS, 1.0));

        assertThat(printed.lines()).isEmpty();
    }

    @Test
    void aRunningJobPastEightyPercentOfItsRunAllowancePublishesJobNearDeadline() {
        poll(BEGAN + 2976, "RUNNING", Map.of());

        assertThat(printed.documentWith(MetricNames.JOB_NEAR_DEADLINE))
                .containsEntry("JobNearDeadline", 1)
                .containsEntry("Dataset", "orders")
                .doesNotContainKey("JobDurationSeconds");
    }

    @Test
    void aRunningJobJustShortOfEightyPercentIsNotNearItsDeadline() {
        poll(BEGAN + 2975, "RUNNING", Map.of());

        assertThat(printed.documentsWith(MetricNames.JOB_NEAR_DEADLINE)).isEmpty();
    }

    @Test
    void aJobHeldToItsRunDeadlineIsNearItAndPublishesWhatItTook() {
        var status = poll(BEGAN + 3720, "RUNNING", Map.of());

        assertThat(status.timedOut()).isTrue();
        assertThat(printed.documentWith(MetricNames.JOB_NEAR_DEADLINE))
                .containsEntry("JobNearDeadline", 1)
                .containsEntry("JobDurationSeconds", 3720);
    }

    @Test
    void aPollThatNamesNoDatasetIsPublishedUnderNoDataset() {
        tracker(BEGAN + 1200, "SUCCEEDED", Map.of()).track(HANDLE, running());

        assertThat(printed.documentWith(MetricNames.QUEUE_SECONDS)).containsEntry("Dataset", Metrics.NO_DATASET);
    }

    /** A poll at {@code now} of the job of dataset orders, seen running since {@link #BEGAN} by the last poll. */
    private JobStatus poll(long now, String state, Map<String, Double> usage) {
        return tracker(now, state, usage).track(HANDLE, running(), "orders").status();
    }

    private JobTracker tracker(long now, String state, Map<String, Double> usage) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        var engine = new ScriptedEngine(clock);
        engine.state = state;
        engine.usage = usage;
        return new JobTracker(
                new JobEngines(List.of(engine)),
                new PollSchedule(() -> 0.5),
                new QueuePolicy(360, () -> 0.5),
                clock,
                printed.metrics("track", clock));
    }

    /** The last poll's status: the job waiting until {@link #BEGAN}, running since. */
    private static JobStatus running() {
        return new JobStatus(
                "RUNNING",
                NormalisedState.RUNNING,
                false,
                false,
                false,
                30,
                600,
                null,
                Map.of(),
                Map.of(),
                null,
                660,
                BEGAN);
    }
}

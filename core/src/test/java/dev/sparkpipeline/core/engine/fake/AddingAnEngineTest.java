package dev.sparkpipeline.core.engine.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobSubmitter;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An engine added in this package alone is submitted to, tracked and priced by the pipeline's own
 * submitter and tracker: nothing outside its description knows its states, poll floor or prices.
 */
class AddingAnEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_100L), ZoneOffset.UTC);

    private final BatchFarmEngine farm = new BatchFarmEngine();
    private final JobEngines engines = new JobEngines(List.of(farm));
    private final List<String> metricLines = new ArrayList<>();

    @Test
    void aSubmissionIsFirstPolledAfterTheEnginesOwnFloorNotTheCloudEnginesTwelveSeconds() {
        JobRun run = submitter().submit(request());

        assertThat(run.handle().engine()).isEqualTo(BatchFarmEngine.BATCH_FARM);
        assertThat(run.status().nextPollSeconds()).isEqualTo(30);
    }

    @Test
    void itsOwnStateNamesAreReadWithTheirMeanings() {
        JobRun submitted = submitter().submit(request());

        farm.state = "WAITLISTED";
        assertThat(tracker().track(submitted.handle()).status().state()).isEqualTo(NormalisedState.QUEUED);
        farm.state = "CRUNCHING";
        JobRun running = tracker().track(submitted.handle());
        assertThat(running.status().state()).isEqualTo(NormalisedState.RUNNING);
        assertThat(running.status().terminal()).isFalse();
        farm.state = "BROKEN";
        JobRun broken = tracker().track(submitted.handle());
        assertThat(broken.status().terminal()).isTrue();
        assertThat(broken.status().failureReason()).isEqualTo("the farm's tractor broke");
    }

    @Test
    void aFinishedJobIsPricedInItsOwnUnitsAndPublishedUnderItsName() {
        JobRun submitted = submitter().submit(request());
        farm.state = "DONE";

        JobRun done = tracker().track(submitted.handle(), null, "orders");

        assertThat(done.status().state()).isEqualTo(NormalisedState.SUCCEEDED);
        assertThat(done.status().estimatedCostUsd()).isEqualTo(5.0);
        assertThat(metricLines)
                .anySatisfy(line ->
                        assertThat(line).contains("\"Engine\":\"BATCH_FARM\"").contains("EstimatedCostUsd"));
    }

    private JobSubmitter submitter() {
        return new JobSubmitter(engines, new PollSchedule(() -> 0.5), new QueuePolicy(360, () -> 0.5), CLOCK);
    }

    private JobTracker tracker() {
        return new JobTracker(
                engines,
                new PollSchedule(() -> 0.5),
                new QueuePolicy(360, () -> 0.5),
                CLOCK,
                new Metrics("SparkPipeline", "track", metricLines::add, CLOCK));
    }

    private static JobRequest request() {
        var input = new ExecutionInput(
                "orders",
                new SourceObject("landing-bucket", "orders/2026/11/22/orders-001.csv", "v1", "etag", 1024, null),
                BatchFarmEngine.BATCH_FARM,
                new JobSettings(60, Map.of(), null, null));
        return new JobRequest("orders-run-1", input, null);
    }

    @Test
    void anInputOrADatasetNamesOnlyTheEnginesDescribedAmongTheKnownOnes() {
        assertThat(Engine.known("BATCH_FARM")).isEmpty();
    }
}

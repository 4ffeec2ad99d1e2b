package dev.sparkpipeline.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.AwsJobEngines;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.JobStillRunning;
import dev.sparkpipeline.core.error.PipelineException;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MetricLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The track handler polling a real Glue run on moto_server through its own JSON, as the state machine does. */
class TrackJobHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final MetricLines metricLines = new MetricLines();

    private JobEngines engines;

    @BeforeEach
    void glueJob() {
        moto.reset();
        moto.createCurateGlueJob();
        engines = AwsJobEngines.on(moto.clients(), Requests.settings("unused"), Clock.systemUTC());
    }

    @Test
    void pollingFeedsEachAnswerBackAsTheNextEventUntilTheJobEnds() throws IOException {
        var handle = engines.get(Engine.GLUE).submit(Requests.request(Engine.GLUE, "orders-run-1", null));
        byte[] event = JSON.std.asBytes(Map.of("handle", JobRunJson.fields(handle)));
        List<String> states = new ArrayList<>();

        for (int poll = 0; poll < 10 && !states.contains("SUCCEEDED"); poll++) {
            Map<String, Object> run = invoke(event);
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) run.get("status");
            states.add((String) status.get("state"));
            assertThat(((Number) status.get("nextPollSeconds")).intValue()).isBetween(9, 297);
            event = JSON.std.asBytes(run);
        }

        assertThat(states).last().isEqualTo("SUCCEEDED");
    }

    @Test
    void watchingARunningJobAnswersJobStillRunningUntilItEnds() throws IOException {
        byte[] watch = watchOfASlowGlueRun("orders-run-2");
        int stillRunning = 0;
        Map<String, Object> answer = null;

        for (int poll = 0; poll < 10 && answer == null; poll++) {
            try {
                answer = invoke(watch);
            } catch (JobStillRunning running) {
                stillRunning++;
                assertThat(running).hasMessageContaining("GLUE job");
            }
        }

        assertThat(stillRunning).isPositive();
        assertThat(answer).isNotNull();
        assertThat(((Map<?, ?>) answer.get("status")).get("state")).isEqualTo("SUCCEEDED");
    }

    @Test
    void watchingAJobPastItsDeadlineAnswersTimedOutInsteadOfWaiting() throws IOException {
        byte[] watch = watchOfASlowGlueRun("orders-run-3");
        Clock twoDaysLater = Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(2));
        var out = new ByteArrayOutputStream();

        new TrackJobHandler(TrackJobFunction.tracker(engines, twoDaysLater, metricLines.metrics("track", twoDaysLater)))
                .handleRequest(new ByteArrayInputStream(watch), out, null);

        Map<?, ?> status = (Map<?, ?>) JSON.std.mapFrom(out.toByteArray()).get("status");
        assertThat(status.get("timedOut")).isEqualTo(true);
        assertThat(status.get("longRunning")).isEqualTo(true);
    }

    @Test
    void theLastPollPublishesWhatTheJobTookForTheDatasetTheEventNames() throws IOException {
        pollUntilTheEnd("orders-run-4", "orders");

        assertThat(metricLines.documentWith(MetricNames.QUEUE_SECONDS))
                .containsKey("JobDurationSeconds")
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "GLUE")
                .containsEntry("Function", "track");
    }

    @Test
    void aPollWithoutADatasetIsPublishedUnderNoDataset() throws IOException {
        pollUntilTheEnd("orders-run-5", null);

        assertThat(metricLines.documentWith(MetricNames.QUEUE_SECONDS)).containsEntry("Dataset", Metrics.NO_DATASET);
    }

    @Test
    void aWatchedJobNearItsDeadlineIsPublishedBeforeTheAnswerThatItStillRuns() throws IOException {
        slowGlueRuns();
        var handle = engines.get(Engine.GLUE).submit(Requests.request(Engine.GLUE, "orders-run-6", null));
        long now = Instant.now().getEpochSecond();
        // 100 s to run, running for 85 of them: past 80%, not yet held to the deadline.
        var tight = new JobHandle(
                handle.engine(),
                handle.jobId(),
                handle.containerId(),
                handle.runId(),
                handle.submittedAt(),
                handle.submittedAt() + 100);
        var running = new JobStatus(
                "RUNNING", NormalisedState.RUNNING, false, false, true, 270, 85, null, null, null, null, 0, now - 85);
        Map<String, Object> watch = new LinkedHashMap<>(JobRunJson.fields(new JobRun(tight, running)));
        watch.put("watch", true);
        watch.put("dataset", "orders");

        assertThatThrownBy(() -> invoke(JSON.std.asBytes(watch))).isInstanceOf(JobStillRunning.class);

        assertThat(metricLines.documentWith(MetricNames.JOB_NEAR_DEADLINE))
                .containsEntry("JobNearDeadline", 1)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "GLUE");
    }

    /** Polls a Glue run, each answer fed back with {@code dataset} (when not null), until it ends. */
    private void pollUntilTheEnd(String runName, String dataset) throws IOException {
        var handle = engines.get(Engine.GLUE).submit(Requests.request(Engine.GLUE, runName, null));
        Map<String, Object> event = new LinkedHashMap<>(Map.of("handle", JobRunJson.fields(handle)));
        for (int poll = 0; poll < 10; poll++) {
            if (dataset != null) {
                event.put("dataset", dataset);
            }
            Map<String, Object> run = invoke(JSON.std.asBytes(event));
            if (Boolean.TRUE.equals(((Map<?, ?>) run.get("status")).get("terminal"))) {
                return;
            }
            event = new LinkedHashMap<>(run);
        }
        throw new AssertionError("the Glue run did not end in 10 polls");
    }

    /** The watch event of a Glue run just submitted, moving slowly through its states. */
    private byte[] watchOfASlowGlueRun(String runName) throws IOException {
        slowGlueRuns();
        var handle = engines.get(Engine.GLUE).submit(Requests.request(Engine.GLUE, runName, null));
        return JSON.std.asBytes(Map.of("handle", JobRunJson.fields(handle), "watch", true));
    }

    /** Every track fixture in events/. */
    static List<String> trackFixtures() {
        return Fixtures.oneForEachCloudEngine("track");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trackFixtures")
    void everyTrackFixtureParsesAndReachesItsEngine(String fixture) {
        var run = JobRunJson.read(JsonObject.parse(Fixtures.bytes(fixture)));
        assertThat(run.handle().jobId()).isNotBlank();
        // The fixture names a job this moto account never ran: the engine refuses, and the
        // refusal arrives typed (moto answers an unknown EMR cluster with a bare 500).
        assertThatThrownBy(() -> invoke(Fixtures.bytes(fixture))).isInstanceOf(PipelineException.class);
    }

    /** moto's state manager: a Glue run moves one state on every third look at it. */
    private static void slowGlueRuns() {
        moto.post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"glue::job_run\", \"transition\": {\"progression\": \"manual\", \"times\": 3}}");
    }

    private Map<String, Object> invoke(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        new TrackJobHandler(TrackJobFunction.tracker(
                        engines, Clock.systemUTC(), metricLines.metrics("track", Clock.systemUTC())))
                .handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

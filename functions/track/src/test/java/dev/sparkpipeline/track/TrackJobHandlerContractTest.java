package dev.sparkpipeline.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.AwsJobEngines;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.error.JobStillRunning;
import dev.sparkpipeline.core.error.PipelineException;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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

        new TrackJobHandler(TrackJobFunction.tracker(engines, twoDaysLater))
                .handleRequest(new ByteArrayInputStream(watch), out, null);

        Map<?, ?> status = (Map<?, ?>) JSON.std.mapFrom(out.toByteArray()).get("status");
        assertThat(status.get("timedOut")).isEqualTo(true);
        assertThat(status.get("longRunning")).isEqualTo(true);
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
        new TrackJobHandler(TrackJobFunction.tracker(engines, Clock.systemUTC()))
                .handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

package dev.sparkpipeline.submit;

import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.AwsJobEngines;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The submit handler on its event fixtures, with the real engine adapters on moto_server. */
class SubmitJobHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private JobEngines engines;

    @BeforeEach
    void engines() {
        moto.reset();
        String applicationId = moto.createCurateApplication();
        moto.createCurateGlueJob();
        engines = AwsJobEngines.on(moto.clients(), settings(applicationId), Clock.systemUTC());
    }

    @Test
    void submitAnswersWithTheRunTheStateMachineKeeps() throws IOException {
        Map<String, Object> run = invoke(new SubmitJobHandler(engines), Fixtures.bytes("submit-emr-serverless.json"));

        assertThat(map(run.get("handle")))
                .containsEntry("engine", "EMR_SERVERLESS")
                .containsKey("jobId")
                .containsEntry("runId", "orders-5f2c0d1f6b8b4a0f9e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f");
        assertThat(map(run.get("status"))).containsEntry("state", "PENDING");
        assertThat(((Number) map(run.get("status")).get("nextPollSeconds")).intValue())
                .as("12 s, give or take a quarter")
                .isBetween(9, 15);
    }

    @Test
    void submittingTheSameEventTwiceStartsOneGlueRun() throws IOException {
        Map<String, Object> first = invoke(new SubmitJobHandler(engines), Fixtures.bytes("submit-glue.json"));

        Map<String, Object> again = invoke(new SubmitJobHandler(engines), Fixtures.bytes("submit-glue.json"));

        assertThat(map(again.get("handle")).get("jobId"))
                .isEqualTo(map(first.get("handle")).get("jobId"));
        assertThat(moto.clients().glue().getJobRuns(b -> b.jobName("curate")).jobRuns())
                .hasSize(1);
    }

    @Test
    void aGlueRunPastTheJobsMaxConcurrentRunsIsAnsweredAsAWaitNotAnError() throws IOException {
        holdGlueRuns();
        try {
            invoke(new SubmitJobHandler(engines), Fixtures.bytes("submit-glue.json"));

            Map<String, Object> refused = invoke(new SubmitJobHandler(engines), anotherExecution(null));

            assertThat(refused).containsEntry("handle", null);
            assertThat(map(refused.get("status")))
                    .containsEntry("state", "QUEUED")
                    .containsEntry("rawState", "WAITING_FOR_CAPACITY")
                    .containsEntry("timedOut", false);
            assertThat(((Number) map(refused.get("status")).get("nextPollSeconds")).intValue())
                    .as("30 s, give or take a quarter")
                    .isBetween(22, 38);
        } finally {
            releaseGlueRuns();
        }
    }

    @Test
    void theWaitAfterARefusalGrowsWithTheTimeTheExecutionHasWaited() throws IOException {
        holdGlueRuns();
        try {
            invoke(new SubmitJobHandler(engines), Fixtures.bytes("submit-glue.json"));
            String tenMinutesAgo = Instant.now().minusSeconds(600).toString();

            Map<String, Object> refused = invoke(new SubmitJobHandler(engines), anotherExecution(tenMinutesAgo));

            assertThat(((Number) map(refused.get("status")).get("queuedSeconds")).longValue())
                    .isBetween(600L, 660L);
            assertThat(((Number) map(refused.get("status")).get("nextPollSeconds")).intValue())
                    .as("five minutes, less up to a quarter of jitter")
                    .isBetween(225, 300);
        } finally {
            releaseGlueRuns();
        }
    }

    @Test
    void aLocalEngineInputIsRefusedInTheCloudWithATypedError() {
        String local = fixture("submit-emr-serverless.json").replace("\"EMR_SERVERLESS\"", "\"LOCAL\"");

        assertThatThrownBy(() -> invoke(new SubmitJobHandler(engines), local.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessageContaining("LOCAL");
    }

    /** Every submit fixture in events/. */
    static List<String> submitFixtures() {
        return Fixtures.oneForEachCloudEngine("submit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submitFixtures")
    void everySubmitFixtureIsAValidEvent(String fixture) {
        var event = JsonObject.parse(Fixtures.bytes(fixture));
        var input = ExecutionInputJson.read(event.object("input"));
        assertThat(input.dataset()).isEqualTo("orders");
    }

    @Test
    void aMalformedEventNamesTheField() {
        String noKey = fixture("submit-glue.json").replace("\"key\": \"orders/2026/11/22/orders-001.csv\",", "");

        assertThatThrownBy(() -> invoke(new SubmitJobHandler(engines), noKey.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input.source.key is required and must be a string");
    }

    @Test
    void anUnknownEngineNamesTheAllowedOnes() {
        String unknown = fixture("submit-glue.json").replace("\"GLUE\"", "\"HADOOP\"");

        assertThatThrownBy(() -> invoke(new SubmitJobHandler(engines), unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("input.engine must be one of");
    }

    /** The Glue submission of another file, its execution started at {@code startedAt} (null: not said). */
    private static byte[] anotherExecution(String startedAt) {
        String event = fixture("submit-glue.json")
                .replace("orders-5f2c0d1f", "orders-00000000")
                .replace(
                        "\"clusterId\": null\n}",
                        "\"clusterId\": null" + (startedAt == null ? "" : ", \"startedAt\": \"" + startedAt + "\"")
                                + "\n}");
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /** moto ends a Glue run the moment it is read unless told to hold it; its job allows one run at a time. */
    private static void holdGlueRuns() {
        moto.post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"glue::job_run\", \"transition\": {\"progression\": \"manual\", \"times\": 1000}}");
    }

    private static void releaseGlueRuns() {
        moto.post("/moto-api/state-manager/unset-transition", "{\"model_name\": \"glue::job_run\"}");
    }

    private static String fixture(String name) {
        return new String(Fixtures.bytes(name), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> invoke(
            com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

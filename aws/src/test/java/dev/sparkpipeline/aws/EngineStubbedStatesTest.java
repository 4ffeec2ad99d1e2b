package dev.sparkpipeline.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.EngineNotReady;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.observability.Metrics;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What moto cannot produce or lacks (GetDashboardForJobRun, BatchStopJobRun, CancelSteps, failed
 * and running states, applications changing state), against stubbed HTTP answers shaped as the
 * services' API references document them.
 */
class EngineStubbedStatesTest {

    private static final String APP = "00fabcdefghij123";
    private static final long NOW = 1_795_000_000L;

    private static WireMockServer stub;
    private static AwsClients clients;
    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private JobTracker tracker;

    @BeforeAll
    static void start() {
        stub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        stub.start();
        clients = AwsClients.forEndpoint("us-east-1", URI.create(stub.baseUrl()));
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @BeforeEach
    void freshStubs() {
        stub.resetAll();
        tracker = new JobTracker(
                AwsJobEngines.on(clients, settings(APP), clock),
                new PollSchedule(() -> 0.5),
                new QueuePolicy(QueuePolicy.DEFAULT_TIMEOUT_MINUTES, () -> 0.5),
                clock,
                new Metrics("SparkPipeline", "track", line -> {}, clock));
    }

    @Test
    void aFailedServerlessRunCarriesTheEnginesReason() {
        stubServerlessRun(
                "FAILED",
                "\"stateDetails\": \"Job failed, ExitCode: 1. Last few exceptions: java.lang.OutOfMemoryError\"");

        var status = tracker.track(serverlessHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(status.terminal()).isTrue();
        assertThat(status.failureReason()).contains("OutOfMemoryError");
    }

    @Test
    void aRunningServerlessRunLinksItsLiveDashboardAndCostSoFar() {
        stubServerlessRun(
                "RUNNING",
                "\"totalResourceUtilization\": {\"vCPUHour\": 2.0, \"memoryGBHour\": 8.0, \"storageGBHour\": 0}");
        stub.stubFor(get(urlPathEqualTo("/applications/" + APP + "/jobruns/run-1/dashboard"))
                .willReturn(json("{\"url\": \"https://p-run-1.emrappui-prod.us-east-1.amazonaws.com/shs/\"}")));

        var status = tracker.track(serverlessHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.RUNNING);
        assertThat(status.links())
                .containsEntry("sparkUi", "https://p-run-1.emrappui-prod.us-east-1.amazonaws.com/shs/");
        assertThat(status.usage()).containsEntry("vCPU-hours", 2.0).containsEntry("GB-hours", 8.0);
        assertThat(status.estimatedCostUsd())
                .isEqualTo(2 * 0.052624 + 8 * 0.0057785, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aRunPastItsDeadlineCountedFromWhenEmrServerlessSaysItBeganRunningIsReportedTimedOut() {
        stubServerlessRun(
                "RUNNING", "\"startedAt\": " + (NOW - 3720) + ", \"totalResourceUtilization\": {\"vCPUHour\": 1.0}");
        var late = JobHandle.of(Engine.EMR_SERVERLESS, "run-1", APP, "orders-run-1", NOW - 7200, 60);

        var status = tracker.track(late).status();

        assertThat(status.timedOut()).isTrue();
        assertThat(status.terminal()).isFalse();
        assertThat(status.runningSince()).isEqualTo(NOW - 3720);
        assertThat(status.queuedSeconds()).isEqualTo(7200 - 3720);
    }

    @Test
    void aServerlessRunWaitingForTheApplicationsConcurrencyIsQueuedAndNotRunning() {
        stubServerlessRun("QUEUED", "");

        var status = tracker.track(serverlessHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.QUEUED);
        assertThat(status.runningSince()).isNull();
        assertThat(status.queuedSeconds()).isEqualTo(300);
    }

    @Test
    void anEmrClusterFilledWhileTheStepWasSubmittedRefusesItForCapacity() {
        stubEmr("ListSteps", "{\"Steps\": []}");
        stubActiveSteps(Scenario.STARTED, 255, "filled meanwhile");
        stubActiveSteps("filled meanwhile", EmrStepEngine.ACTIVE_STEP_LIMIT, "filled meanwhile");
        stub.stubFor(
                post(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.AddJobFlowSteps"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"__type\": \"ValidationException\", \"message\": \"Maximum number of active"
                                                        + " steps(State = 'Running', 'Pending' or 'Cancel_Pending') for cluster exceeded.\"}")));

        assertThatThrownBy(() -> engines().get(Engine.EMR).submit(request(Engine.EMR, "orders-run-1", "j-1")))
                .isInstanceOf(ConcurrentRunsExceeded.class)
                .hasMessageContaining("256 active steps");
    }

    @Test
    void anEmrRefusalOfAClusterWithRoomIsTheRequestsFault() {
        stubEmr("ListSteps", "{\"Steps\": []}");
        stubActiveSteps(Scenario.STARTED, 3, Scenario.STARTED);
        stub.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.AddJobFlowSteps"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\": \"ValidationException\", \"message\": \"Invalid step args\"}")));

        assertThatThrownBy(() -> engines().get(Engine.EMR).submit(request(Engine.EMR, "orders-run-1", "j-1")))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessageContaining("Invalid step args");
    }

    @Test
    void anUnknownServerlessStateKeepsPolling() {
        stubServerlessRun("DEFROSTING", "");

        var status = tracker.track(serverlessHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.RUNNING);
        assertThat(status.rawState()).isEqualTo("DEFROSTING");
        assertThat(status.terminal()).isFalse();
    }

    @Test
    void cancellingARunningServerlessRunCallsCancelJobRun() {
        stubServerlessRun("RUNNING", "");
        stub.stubFor(delete(urlEqualTo("/applications/" + APP + "/jobruns/run-1"))
                .willReturn(json("{\"applicationId\": \"" + APP + "\", \"jobRunId\": \"run-1\"}")));

        AwsJobEngines.on(clients, settings(APP), clock)
                .get(Engine.EMR_SERVERLESS)
                .cancel(serverlessHandle());

        stub.verify(deleteRequestedFor(urlEqualTo("/applications/" + APP + "/jobruns/run-1")));
    }

    @Test
    void aStoppingApplicationIsNotReadyYet() {
        stub.stubFor(get(urlPathEqualTo("/applications/" + APP + "/jobruns")).willReturn(json("{\"jobRuns\": []}")));
        stubApplication("STOPPING", true);

        assertThatThrownBy(() -> engines()
                        .get(Engine.EMR_SERVERLESS)
                        .submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null)))
                .isInstanceOf(EngineNotReady.class)
                .hasMessageContaining("STOPPING");
    }

    @Test
    void aStoppedApplicationWithoutAutoStartIsStartedAndReportedNotReady() {
        stub.stubFor(get(urlPathEqualTo("/applications/" + APP + "/jobruns")).willReturn(json("{\"jobRuns\": []}")));
        stubApplication("STOPPED", false);
        stub.stubFor(post(urlEqualTo("/applications/" + APP + "/start")).willReturn(json("{}")));

        assertThatThrownBy(() -> engines()
                        .get(Engine.EMR_SERVERLESS)
                        .submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null)))
                .isInstanceOf(EngineNotReady.class);
        stub.verify(postRequestedFor(urlEqualTo("/applications/" + APP + "/start")));
    }

    @Test
    void aGlueTimeoutIsAFailureWithGluesMessage() {
        stubGlue(
                "GetJobRun",
                "{\"JobRun\": {\"Id\": \"jr_1\", \"JobName\": \"curate\", \"JobRunState\": \"TIMEOUT\", "
                        + "\"ErrorMessage\": \"Job run timed out\", \"ExecutionTime\": 3600, \"MaxCapacity\": 2.0}}");

        var status = tracker.track(glueHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(status.failureReason()).isEqualTo("Job run timed out");
        assertThat(status.usage()).containsEntry("DPU-hours", 2.0);
    }

    @Test
    void aGlueRunShorterThanAMinuteIsBilledTheMinute() {
        stubGlue(
                "GetJobRun",
                "{\"JobRun\": {\"Id\": \"jr_1\", \"JobName\": \"curate\", \"JobRunState\": \"SUCCEEDED\", "
                        + "\"ExecutionTime\": 21, \"MaxCapacity\": 2.0}}");

        var status = tracker.track(glueHandle()).status();

        assertThat(status.usage().get("DPU-hours")).isCloseTo(2.0 / 60, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aStoppedGlueRunIsNeverASuccess() {
        stubGlue(
                "GetJobRun", "{\"JobRun\": {\"Id\": \"jr_1\", \"JobName\": \"curate\", \"JobRunState\": \"STOPPED\"}}");

        var status = tracker.track(glueHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.CANCELLED);
        assertThat(status.failureReason()).isEqualTo("GLUE reported STOPPED without a reason");
    }

    @Test
    void cancellingARunningGlueRunCallsBatchStopJobRun() {
        stubGlue(
                "GetJobRun", "{\"JobRun\": {\"Id\": \"jr_1\", \"JobName\": \"curate\", \"JobRunState\": \"RUNNING\"}}");
        stubGlue(
                "BatchStopJobRun",
                "{\"SuccessfulSubmissions\": [{\"JobName\": \"curate\", \"JobRunId\": \"jr_1\"}], \"Errors\": []}");

        engines().get(Engine.GLUE).cancel(glueHandle());

        stub.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSGlue.BatchStopJobRun"))
                .withRequestBody(equalToJson("{\"JobName\": \"curate\", \"JobRunIds\": [\"jr_1\"]}")));
    }

    @Test
    void aFailedEmrStepCarriesItsFailureDetailsAndLog() {
        stubEmr(
                "DescribeStep",
                "{\"Step\": {\"Id\": \"s-1\", \"Name\": \"orders-run-1\", \"Status\": {\"State\": \"FAILED\", "
                        + "\"FailureDetails\": {\"Reason\": \"Spark application failed\", \"Message\": \"Exception in thread main\", "
                        + "\"LogFile\": \"s3://artifacts-bucket/logs/emr/j-1/steps/s-1/stderr.gz\"}}}}");
        stubEmr(
                "DescribeCluster",
                "{\"Cluster\": {\"Id\": \"j-1\", \"Status\": {\"State\": \"WAITING\"}, "
                        + "\"NormalizedInstanceHours\": 24, \"LogUri\": \"s3n://artifacts-bucket/logs/emr/\"}}");

        var status = tracker.track(emrHandle()).status();

        assertThat(status.state()).isEqualTo(NormalisedState.FAILED);
        assertThat(status.failureReason()).isEqualTo("Spark application failed: Exception in thread main");
        assertThat(status.links())
                .containsEntry("failureLog", "s3://artifacts-bucket/logs/emr/j-1/steps/s-1/stderr.gz")
                .containsEntry("stepLogs", "s3://artifacts-bucket/logs/emr/j-1/steps/s-1/");
        assertThat(status.usage()).containsEntry("normalized-instance-hours", 24.0);
    }

    @Test
    void cancellingARunningEmrStepTerminatesItsProcess() {
        stubEmr("DescribeStep", "{\"Step\": {\"Id\": \"s-1\", \"Status\": {\"State\": \"RUNNING\"}}}");
        stubEmr("CancelSteps", "{\"CancelStepsInfoList\": [{\"StepId\": \"s-1\", \"Status\": \"SUBMITTED\"}]}");

        engines().get(Engine.EMR).cancel(emrHandle());

        stub.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.CancelSteps"))
                .withRequestBody(equalToJson("{\"ClusterId\": \"j-1\", \"StepIds\": [\"s-1\"], "
                        + "\"StepCancellationOption\": \"TERMINATE_PROCESS\"}")));
    }

    @Test
    void cancellingAFinishedEmrStepIsANoOp() {
        stubEmr("DescribeStep", "{\"Step\": {\"Id\": \"s-1\", \"Status\": {\"State\": \"COMPLETED\"}}}");

        engines().get(Engine.EMR).cancel(emrHandle());

        stub.verify(
                0,
                postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ElasticMapReduce.CancelSteps")));
    }

    private JobEngines engines() {
        return AwsJobEngines.on(clients, settings(APP), clock);
    }

    private static JobHandle serverlessHandle() {
        return JobHandle.of(Engine.EMR_SERVERLESS, "run-1", APP, "orders-run-1", NOW - 300, 60);
    }

    private static JobHandle glueHandle() {
        return JobHandle.of(Engine.GLUE, "jr_1", "curate", "orders-run-1", NOW - 300, 60);
    }

    private static JobHandle emrHandle() {
        return JobHandle.of(Engine.EMR, "s-1", "j-1", "orders-run-1", NOW - 300, 60);
    }

    private static void stubServerlessRun(String state, String extraFields) {
        String extra = extraFields.isEmpty() ? "" : ", " + extraFields;
        stub.stubFor(get(urlEqualTo("/applications/" + APP + "/jobruns/run-1"))
                .willReturn(json("{\"jobRun\": {\"applicationId\": \"" + APP
                        + "\", \"jobRunId\": \"run-1\", \"name\": \"orders-run-1\", " + "\"state\": \"" + state
                        + "\", \"createdAt\": " + (NOW - 300) + extra + "}}")));
    }

    private static void stubApplication(String state, boolean autoStart) {
        stub.stubFor(get(urlEqualTo("/applications/" + APP))
                .willReturn(json("{\"application\": {\"applicationId\": \"" + APP + "\", \"state\": \"" + state + "\", "
                        + "\"autoStartConfiguration\": {\"enabled\": " + autoStart + "}}}")));
    }

    private static void stubGlue(String operation, String body) {
        stub.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSGlue." + operation))
                .willReturn(json(body)));
    }

    /**
     * ListSteps of the active steps (PENDING, RUNNING, CANCEL_PENDING) in one answer of {@code count}, while
     * the stub is in {@code state}; the answer moves it to {@code next}.
     */
    private static void stubActiveSteps(String state, int count, String next) {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < count; i++) {
            steps.append(i == 0 ? "" : ", ")
                    .append("{\"Id\": \"s-")
                    .append(i)
                    .append("\", \"Status\": {\"State\": \"PENDING\"}}");
        }
        stub.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .inScenario("active steps")
                .whenScenarioStateIs(state)
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.ListSteps"))
                .withRequestBody(containing("StepStates"))
                .willReturn(json("{\"Steps\": [" + steps + "]}"))
                .willSetStateTo(next));
    }

    private static void stubEmr(String operation, String body) {
        stub.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + operation))
                .willReturn(json(body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body);
    }
}

package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The job run's one codec (the submit and track answers, kept at {@code $.run}), over every fixture holding one. */
class JobRunJsonTest {

    /**
     * The track events (a run, and the dataset that names the poll's metrics), the cancel events (a
     * handle alone) and the run the execution state carries.
     */
    static Stream<DocumentFixture> runs() {
        return Stream.of(
                        DocumentFixture.matching("track-*.json", "", "dataset"),
                        DocumentFixture.matching("cancel-*.json", ""),
                        DocumentFixture.matching("{publish,record-failure}.json", "state.run"))
                .flatMap(fixtures -> fixtures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyRunFixtureReadsBackTheSameAfterWritingAndKeepsEveryField(DocumentFixture fixture) {
        assertThat(fixture.roundTrip(json -> JobRunJson.read(JsonObject.parse(json)), JobRunJson::write))
                .containsAllEntriesOf(fixture.fields());
    }

    @Test
    void everyFieldTheStateMachineReadsIsWrittenEvenWhenNull() {
        var handle = JobHandle.of(Engine.GLUE, "jr_1", "curate", "run-1", 1_795_000_000, 60);
        var status = new JobStatus(
                "RUNNING", NormalisedState.RUNNING, false, false, false, 30, 60, null, null, null, null, 0, null);

        Map<String, Object> written = FieldPaths.of(JobRunJson.write(new JobRun(handle, status)));

        assertThat(written)
                .containsKeys(
                        "handle.engine",
                        "handle.jobId",
                        "handle.containerId",
                        "handle.runId",
                        "handle.submittedAt",
                        "handle.deadlineAt",
                        "handle.queuedSince",
                        "status.rawState",
                        "status.state",
                        "status.terminal",
                        "status.timedOut",
                        "status.longRunning",
                        "status.nextPollSeconds",
                        "status.elapsedSeconds",
                        "status.queuedSeconds")
                .containsEntry("status.failureReason", null)
                .containsEntry("status.runningSince", null)
                .containsEntry("status.estimatedCostUsd", null)
                .containsEntry("handle.deadlineAt", (double) handle.deadlineAt());
    }

    @Test
    void aRunNotYetObservedIsWrittenWithANullStatus() {
        var handle = JobHandle.of(Engine.EMR, "s-1", "j-1", "run-1", 0, 60);

        assertThat(FieldPaths.of(JobRunJson.write(new JobRun(handle, null)))).containsEntry("status", null);
    }

    @Test
    void aSubmissionRefusedForCapacityIsWrittenWithANullHandle() {
        var waiting = new JobStatus(
                "WAITING_FOR_CAPACITY",
                NormalisedState.QUEUED,
                false,
                false,
                false,
                30,
                0,
                null,
                null,
                null,
                null,
                5,
                null);

        assertThat(FieldPaths.of(JobRunJson.write(new JobRun(null, waiting))))
                .containsEntry("handle", null)
                .containsEntry("status.state", "QUEUED");
    }

    @Test
    void aHandleWrittenBeforeQueuesWereCountedWaitedForNothingBeforeItsSubmission() {
        JobHandle handle = JobRunJson.readHandle(JsonObject.parse("""
                {"engine": "GLUE", "jobId": "jr_1", "containerId": "curate", "runId": "run-1",
                 "submittedAt": 1795000000, "deadlineAt": 1795003720}""".getBytes(StandardCharsets.UTF_8)));

        assertThat(handle.queuedSince()).isEqualTo(1_795_000_000L);
        assertThat(handle.runAllowanceSeconds()).isEqualTo(3720);
    }

    @Test
    void aStatusWithoutItsFlagsIsTerminalWhenItsStateIs() {
        JobStatus status = JobRunJson.readStatus(JsonObject.parse("""
                {"rawState": "SUCCESS", "state": "SUCCEEDED"}""".getBytes(StandardCharsets.UTF_8)));

        assertThat(status.terminal()).isTrue();
        assertThat(status.timedOut()).isFalse();
        assertThat(status.longRunning()).isFalse();
        assertThat(status.links()).isEmpty();
        assertThat(status.queuedSeconds()).isZero();
        assertThat(status.runningSince()).isNull();
    }

    /** Each malformed track and cancel event of {@code events/bad/functions/}, with what the codec says about it. */
    static Stream<Arguments> malformedRuns() {
        return Stream.of(
                Arguments.of(
                        "TrackJobFunction/handle-engine-unknown.json",
                        "handle.engine must be one of [EMR_SERVERLESS, GLUE, EMR, EMR_LIVY, LOCAL]"),
                Arguments.of("TrackJobFunction/handle-missing.json", "handle is required and must be an object"),
                Arguments.of(
                        "TrackJobFunction/status-state-unknown.json",
                        "status.state must be one of [PENDING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED]"),
                Arguments.of("CancelJobFunction/handle-a-string.json", "handle must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRuns")
    void aMalformedRunIsRefusedNamingTheField(String fixture, String message) {
        assertThatThrownBy(() -> JobRunJson.read(JsonObject.parse(Fixtures.bytes("bad/functions/" + fixture))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage(message);
    }

    @Test
    void aStatusWithoutAStateIsRefusedNamingTheField() {
        JsonObject noState = JsonObject.parse("{\"rawState\": \"X\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> JobRunJson.readStatus(noState))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("state is required and must be a string");
    }
}

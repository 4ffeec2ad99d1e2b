package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The execution input's one codec, over every fixture of {@code events/} that holds an input. */
class ExecutionInputJsonTest {

    /** A manual input, the submit events' {@code input}, and the execution state publish and record-failure get. */
    static Stream<DocumentFixture> inputs() {
        return Stream.of(
                        DocumentFixture.matching("manual-*execution.json", ""),
                        DocumentFixture.matching("submit-*.json", "input"),
                        DocumentFixture.matching("{publish,record-failure}.json", "state", "cluster", "run", "failure"))
                .flatMap(fixtures -> fixtures);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyInputFixtureReadsBackTheSameAfterWritingAndKeepsEveryField(DocumentFixture fixture) {
        assertThat(fixture.roundTrip(ExecutionInputJson::read, ExecutionInputJson::write))
                .containsAllEntriesOf(fixture.fields());
    }

    @Test
    void aBatchInputNamesItsBatchAndItsSourceIsTheBatchManifest() {
        ExecutionInput input = ExecutionInputJson.read(Fixtures.bytes("manual-batch-execution.json"));

        assertThat(input.isBatch()).isTrue();
        assertThat(input.batch().files()).isEqualTo(2);
        assertThat(input.source().key())
                .isEqualTo("_batches/orders/" + input.batch().id() + ".json");
    }

    @Test
    void aBatchWithoutItsIdOrFilesIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ExecutionInputJson.read("""
                        {"dataset": "orders", "source": {"bucket": "b", "key": "k"}, "batch": {"files": 0, "id": "x"}}""".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("batch: a batch holds at least one file");
    }

    @Test
    void theInputStepFunctionsKeepsIsWrittenByteForByteAsTheValidateFunctionStartedIt() {
        String started = JsonObject.parse(Fixtures.bytes("execution-aborted.json"))
                .object("detail")
                .string("input");

        byte[] written = ExecutionInputJson.write(ExecutionInputJson.read(started.getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(started);
    }

    @Test
    void unsetSettingsAreWrittenAsNullsBecauseTheStateMachinesPathsFailOnAnAbsentField() {
        ExecutionInput input = ExecutionInputJson.read(Fixtures.bytes("manual-execution.json"));

        assertThat(FieldPaths.of(ExecutionInputJson.write(input)))
                .containsEntry("source.versionId", null)
                .containsEntry("job.sparkSubmitParameters", null)
                .containsEntry("job.clusterId", null);
    }

    @Test
    void anInputWithoutEngineOrJobGetsTheDefaultsAndNoLandingTime() {
        ExecutionInput input = ExecutionInputJson.read("""
                {"dataset": "orders", "source": {"bucket": "landing-bucket", "key": "orders/a.csv"}}""".getBytes(StandardCharsets.UTF_8));

        assertThat(input.engine()).isEqualTo(Engine.DEFAULT);
        assertThat(input.job().timeoutMinutes()).isEqualTo(JobSettings.DEFAULT_TIMEOUT_MINUTES);
        assertThat(input.source().landedAt()).isNull();
        assertThat(FieldPaths.of(ExecutionInputJson.write(input))).doesNotContainKey("source.landedAt");
    }

    @Test
    void theLandingTimeIsReadAsAnInstant() {
        JsonObject state = JsonObject.parse(Fixtures.bytes("publish.json")).object("state");

        ExecutionInput input = ExecutionInputJson.read(state);

        assertThat(input.source().landedAt()).isEqualTo(Instant.parse("2026-11-22T08:15:30Z"));
    }

    /** Each malformed manual input of {@code events/bad/manual/}, with what the codec says about it. */
    static Stream<Arguments> malformedInputs() {
        String engines = " must be one of [EMR_SERVERLESS, GLUE, EMR, EMR_LIVY, LOCAL]";
        return Stream.of(
                Arguments.of("dataset-a-number.json", "dataset must be a string"),
                Arguments.of("dataset-missing.json", "dataset is required and must be a string"),
                Arguments.of("engine-a-number.json", "engine must be a string"),
                Arguments.of("engine-unknown.json", "engine" + engines),
                Arguments.of("input-an-array.json", "the event must be a JSON object"),
                Arguments.of("job-a-string.json", "job must be an object"),
                Arguments.of("source-a-string.json", "source must be an object"),
                Arguments.of("source-bucket-missing.json", "source.bucket is required and must be a string"),
                Arguments.of("source-key-a-number.json", "source.key must be a string"),
                Arguments.of("source-key-missing.json", "source.key is required and must be a string"),
                Arguments.of("source-missing.json", "source is required and must be an object"),
                Arguments.of("source-size-a-string.json", "source.size must be a number"),
                Arguments.of("timeout-a-string.json", "job.timeoutMinutes must be a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void aMalformedInputIsRefusedNamingTheField(String fixture, String message) {
        assertThatThrownBy(() -> ExecutionInputJson.read(Fixtures.bytes("bad/manual/" + fixture)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage(message);
    }

    @Test
    void aTimeoutOutOfBoundsIsReadAsGivenForTheStateMachineToRefuse() {
        assertThat(timeoutOf("bad/manual/timeout-zero.json")).isZero();
        assertThat(timeoutOf("bad/manual/timeout-over-a-week.json")).isEqualTo(10081);
    }

    private static int timeoutOf(String fixture) {
        return ExecutionInputJson.read(Fixtures.bytes(fixture)).job().timeoutMinutes();
    }

    @Test
    void everyMalformedManualInputIsCovered() {
        assertThat(DocumentFixture.matching("bad/manual/*.json", "").map(DocumentFixture::file))
                .hasSize((int) malformedInputs().count() + 2);
    }

    @Test
    void aLandingTimeThatIsNoInstantIsRefusedNamingTheField() {
        byte[] input = """
                {"dataset": "orders", "source": {"bucket": "b", "key": "k", "landedAt": "yesterday"}}""".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ExecutionInputJson.read(input))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("source.landedAt must be an ISO-8601 instant such as 2026-11-22T08:15:30Z");
    }
}

package dev.sparkpipeline.jobs.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.engine.TableWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job's own arguments are given once; an extra argument of the same name cannot take the job over. */
class JobArgumentsTest {

    /** What every engine calls the job with, so that these tests read the arguments the engines write. */
    private static final CurateJobCall CALL =
            new CurateJobCall("s3://l/a.csv", "s3://c/orders", "orders", "r1", Map.of());

    @Test
    void aJobsOwnArgumentsAreTheOnesTheContractDoesNotName() {
        String[] args = withMore(CALL.arguments(), "--JOB_NAME", "glue-job", "--min-amount", "10", "verbose");

        assertThat(JobArguments.others(args))
                .containsExactly("--JOB_NAME", "glue-job", "--min-amount", "10", "verbose");
    }

    @Test
    void theTableAndTheManifestAreWhereTheEnginesCatalogAndPublishLook() {
        JobArguments arguments = JobArguments.parse(CALL.arguments().toArray(String[]::new));

        assertThat(arguments.qualifiedTable()).isEqualTo("lake.orders");
        assertThat(arguments.manifestLocation()).isEqualTo("s3://c/orders/_manifests/r1.json");
    }

    @Test
    void readsThePipelinesArgumentsAndIgnoresOthers() {
        JobArguments arguments = JobArguments.parse(withMore(CALL.arguments(), "--JOB_NAME", "glue-job"));

        assertThat(arguments).isEqualTo(new JobArguments("s3://l/a.csv", "s3://c/orders", "orders", "r1"));
    }

    @Test
    void readsTheTableWriteTheEnginesPass() {
        TableWrite write = new TableWrite(
                "db.orders", "v-7", "etag-1", Instant.parse("2026-11-22T08:00:00Z"), new TableUpkeep(5, 3));
        CurateJobCall call = new CurateJobCall("s3://l/a.csv", "s3://c/orders", "orders", "r1", write, Map.of());

        assertThat(JobArguments.parse(call.arguments().toArray(String[]::new)).write())
                .isEqualTo(write);
    }

    @Test
    void readsABatchRunFromItsManifest() {
        CurateJobCall batch = new CurateJobCall(
                "s3://c/_batches/orders/b-1.json",
                "s3://c/orders",
                "orders",
                "r1",
                TableWrite.to("orders"),
                Map.of(),
                true);

        JobArguments arguments = JobArguments.parse(batch.arguments().toArray(String[]::new));

        assertThat(arguments.batch()).isTrue();
        assertThat(arguments.input()).isEqualTo("s3://c/_batches/orders/b-1.json");
    }

    @Test
    void aRunOfOneFileIsNotABatch() {
        assertThat(JobArguments.parse(CALL.arguments().toArray(String[]::new)).batch())
                .isFalse();
    }

    @Test
    void anInputAndABatchTogetherFailTheJob() {
        String[] both = withMore(CALL.arguments(), "--batch", "s3://c/_batches/orders/b-1.json");

        assertThatThrownBy(() -> JobArguments.parse(both))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("both --input and --batch are given: a run reads one landed file or one batch");
    }

    @Test
    void neitherAnInputNorABatchFailsTheJob() {
        String[] neither = {"--output", "s3://c/orders", "--dataset", "orders", "--run-id", "r1"};

        assertThatThrownBy(() -> JobArguments.parse(neither))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing --input or --batch: a run reads one landed file or one batch"
                        + " (usage: (--input URI | --batch URI) --output URI --dataset NAME --run-id ID)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"input", "output", "dataset", "run-id", "datasets-config", "table", "compact-every"})
    void aPipelineArgumentGivenAgainFailsTheJob(String name) {
        String[] twice = withMore(CALL.arguments("file:///c.json"), "--" + name, "s3://elsewhere/x");

        assertThatThrownBy(() -> JobArguments.parse(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--" + name + " is given twice: the pipeline's own arguments cannot be replaced");
    }

    private static String[] withMore(List<String> arguments, String... more) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}

package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every engine builds its job's arguments here: an execution's extra arguments can add to them, never replace them. */
class CurateJobCallTest {

    @Test
    void extraArgumentsFollowThePipelinesOwn() {
        CurateJobCall call =
                new CurateJobCall("s3://l/a.csv", "s3://c/orders", "orders", "r1", Map.of("sample-rate", "0.5"));

        assertThat(call.arguments())
                .containsExactly(
                        "--input",
                        "s3://l/a.csv",
                        "--output",
                        "s3://c/orders",
                        "--dataset",
                        "orders",
                        "--run-id",
                        "r1",
                        "--table",
                        "orders",
                        "--compact-every",
                        "20",
                        "--snapshot-retention-days",
                        "7",
                        "--sample-rate",
                        "0.5");
    }

    @Test
    void anEnginesCallNamesTheSourceVersionAndTheCatalogsTable() {
        var source = new dev.sparkpipeline.core.contract.SourceObject(
                "landing", "orders/a.csv", "v-3", "etag-9", 10, java.time.Instant.parse("2026-11-22T08:00:00Z"));
        var input = new dev.sparkpipeline.core.contract.ExecutionInput(
                "orders",
                source,
                dev.sparkpipeline.core.contract.Engine.GLUE,
                new dev.sparkpipeline.core.contract.JobSettings(60, Map.of(), null, null));

        CurateJobCall call = CurateJobCall.of(
                new JobRequest("run-1", input, null),
                "curated",
                IcebergCatalog.glue("curated", "stack_curated"),
                new TableUpkeep(5, 3));

        assertThat(String.join(" ", call.arguments()))
                .isEqualTo(
                        "--input s3://landing/orders/a.csv --output s3://curated/orders --dataset orders --run-id run-1"
                                + " --table stack_curated.orders --source-version v-3 --source-etag etag-9"
                                + " --landed-at 2026-11-22T08:00:00Z --compact-every 5 --snapshot-retention-days 3");
    }

    @Test
    void theDatasetsFileTheLocalRunnerNamesFollowsEveryOtherArgument() {
        CurateJobCall call =
                new CurateJobCall("file:/l/a.csv", "file:/c/orders", "orders", "r1", Map.of("sample-rate", "0.5"));

        assertThat(call.arguments("file:/config/datasets.json"))
                .startsWith(call.arguments().toArray(String[]::new))
                .endsWith("--datasets-config", "file:/config/datasets.json")
                .hasSize(call.arguments().size() + 2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "output",
                "--output",
                "input",
                "dataset",
                "run-id",
                "RUN-ID",
                "datasets-config",
                "extra-jars",
                "--conf",
                "enable-glue-datacatalog",
                "job-language",
                "user-jars-first",
                "TempDir"
            })
    void anArgumentThePipelineOrTheEngineOwnsIsRefusedBeforeAnyJobStarts(String name) {
        assertThatThrownBy(() -> new CurateJobCall(
                        "s3://l/a.csv", "s3://c/orders", "orders", "r1", Map.of(name, "s3://elsewhere/")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("job.arguments." + name + " is reserved");
    }
}

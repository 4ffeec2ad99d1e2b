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
                        "--sample-rate",
                        "0.5");
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

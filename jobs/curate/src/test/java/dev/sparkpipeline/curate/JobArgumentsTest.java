package dev.sparkpipeline.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job's own arguments are given once; an extra argument of the same name cannot take the job over. */
class JobArgumentsTest {

    @Test
    void readsThePipelinesArgumentsAndIgnoresOthers() {
        JobArguments arguments = JobArguments.parse(new String[] {
            "--input",
            "s3://l/a.csv",
            "--output",
            "s3://c/orders",
            "--dataset",
            "orders",
            "--run-id",
            "r1",
            "--JOB_NAME",
            "glue-job"
        });

        assertThat(arguments).isEqualTo(new JobArguments("s3://l/a.csv", "s3://c/orders", "orders", "r1", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"input", "output", "dataset", "run-id", "datasets-config"})
    void aPipelineArgumentGivenAgainFailsTheJob(String name) {
        assertThatThrownBy(() -> JobArguments.parse(new String[] {
                    "--input",
                    "s3://l/a.csv",
                    "--output",
                    "s3://c/orders",
                    "--dataset",
                    "orders",
                    "--run-id",
                    "r1",
                    "--datasets-config",
                    "file:///c.json",
                    "--" + name,
                    "s3://elsewhere/x"
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--" + name + " is given twice: the pipeline's own arguments cannot be replaced");
    }
}

package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.dataset.JobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every engine starts: the curate job by default, a dataset's own job with the contract's arguments first. */
class SparkApplicationTest {

    private final CurateJobCall call = new CurateJobCall("s3://l/a.csv", "s3://c/totals", "totals", "r1", Map.of());

    @Test
    void theCurateJobRunsFromThePipelinesJarWithItsMainClass() {
        SparkApplication app = SparkApplication.of(JobSpec.CURATE, call, "s3://art/jobs/curate/curate-job.jar", "art");

        assertThat(app.entryPoint()).isEqualTo("s3://art/jobs/curate/curate-job.jar");
        assertThat(app.submitOptions()).containsExactly("--class", CurateJobCall.MAIN_CLASS);
        assertThat(app.arguments()).isEqualTo(call.arguments());
    }

    @Test
    void aDatasetsJarRunsFromTheArtifactsBucketWithItsArgumentsAfterTheContractsAndItsConfiguration() {
        JobSpec job = new JobSpec(
                "jobs/examples/totals.jar",
                "com.example.Totals",
                List.of(),
                List.of(),
                List.of("--currency", "EUR"),
                Map.of("spark.sql.shuffle.partitions", "8"));

        SparkApplication app = SparkApplication.of(job, call, "s3://art/jobs/curate/curate-job.jar", "art");

        assertThat(app.entryPoint()).isEqualTo("s3://art/jobs/examples/totals.jar");
        assertThat(app.submitOptions())
                .containsExactly("--class", "com.example.Totals", "--conf", "spark.sql.shuffle.partitions=8");
        assertThat(app.arguments()).startsWith(call.arguments().toArray(String[]::new));
        assertThat(app.arguments()).endsWith("--currency", "EUR");
    }

    @Test
    void aPySparkJobBringsItsFilesAndArchivesWhereTheyAre() {
        JobSpec job = new JobSpec(
                "s3://my-jobs/totals.py",
                null,
                List.of("jobs/examples/lib.zip", "s3://my-jobs/util.py"),
                List.of("s3://my-jobs/env.tar.gz#env"),
                List.of(),
                Map.of());

        SparkApplication app = SparkApplication.of(job, call, "s3://art/jobs/curate/curate-job.jar", "art");

        assertThat(app.python()).isTrue();
        assertThat(app.entryPoint()).isEqualTo("s3://my-jobs/totals.py");
        assertThat(app.submitOptions())
                .containsExactly(
                        "--py-files",
                        "s3://art/jobs/examples/lib.zip,s3://my-jobs/util.py",
                        "--archives",
                        "s3://my-jobs/env.tar.gz#env");
    }
}

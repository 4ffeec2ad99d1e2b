package dev.sparkpipeline.aws;

import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.glue.GlueClient;

/** GlueEngine with the real SDK client against moto_server, whose runs step STARTING, RUNNING, SUCCEEDED. */
class GlueEngineContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private GlueClient client;
    private GlueEngine engine;

    @BeforeEach
    void job() {
        moto.reset();
        client = moto.clients().glue();
        moto.createCurateGlueJob();
        engine = new GlueEngine(client, settings("unused"), Clock.systemUTC());
    }

    @Test
    void submitStartsARunOfTheJobWithTheCurateArguments() {
        JobHandle handle = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        var run =
                client.getJobRun(b -> b.jobName("curate").runId(handle.jobId())).jobRun();
        assertThat(run.arguments())
                .containsEntry("--input", "s3://landing-bucket/orders/2026/11/22/orders-001.csv")
                .containsEntry("--output", "s3://curated-bucket/orders")
                .containsEntry("--dataset", "orders")
                .containsEntry("--run-id", "orders-run-1")
                .containsEntry("--table", "pipeline_curated.orders");
        assertThat(run.arguments().get("--conf"))
                .as("Glue's one --conf carries the Iceberg catalog's settings")
                .startsWith("spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions"
                        + " --conf spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog")
                .contains(" --conf spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog");
        assertThat(handle.containerId()).isEqualTo("curate");
    }

    @Test
    void aRetriedSubmitFindsTheRunCarryingTheSameRunId() {
        JobHandle first = engine.submit(request(Engine.GLUE, "orders-run-1", null));
        engine.submit(request(Engine.GLUE, "orders-run-2", null));

        JobHandle again = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(client.getJobRuns(b -> b.jobName("curate")).jobRuns()).hasSize(2);
    }

    @Test
    void aRunPastTheJobsMaxConcurrentRunsIsRefusedForCapacity() {
        // moto ends a run the moment it is read unless told to hold it; MaxConcurrentRuns is 1 on moto's job.
        moto.post(
                "/moto-api/state-manager/set-transition",
                "{\"model_name\": \"glue::job_run\", \"transition\": {\"progression\": \"manual\", \"times\": 1000}}");
        try {
            engine.submit(request(Engine.GLUE, "orders-run-1", null));

            assertThatThrownBy(() -> engine.submit(request(Engine.GLUE, "orders-run-2", null)))
                    .isInstanceOf(ConcurrentRunsExceeded.class)
                    .hasMessageContaining("ConcurrentRunsExceededException");
        } finally {
            moto.post("/moto-api/state-manager/unset-transition", "{\"model_name\": \"glue::job_run\"}");
        }
    }

    @Test
    void observingARunFollowsItToSuccess() {
        JobHandle handle = engine.submit(request(Engine.GLUE, "orders-run-1", null));

        List<String> states = new ArrayList<>();
        for (int poll = 0; poll < 10 && !states.contains("SUCCEEDED"); poll++) {
            states.add(engine.observe(handle).rawState());
        }

        assertThat(states).contains("SUCCEEDED").doesNotContain("FAILED");
        assertThat(engine.observe(handle).links()).containsKeys("driverLogs", "errorLogs", "console");
    }

    @Test
    void aDatasetsOwnJarRunsThroughTheJobsScriptWithItsJarBesideTheCurateJobsAndItsMainClassNamed() {
        JobHandle handle = engine.submit(request(Engine.GLUE, "totals-run-1", null, "order_totals"));

        var run =
                client.getJobRun(b -> b.jobName("curate").runId(handle.jobId())).jobRun();
        assertThat(run.arguments())
                .containsEntry("--dataset", "order_totals")
                .containsEntry("--run-id", "totals-run-1")
                .containsEntry("--min-amount", "0")
                .containsEntry(
                        "--extra-jars",
                        "s3://artifacts-bucket/jobs/curate/curate-job.jar,"
                                + "s3://artifacts-bucket/jobs/examples/daily-totals/target/daily-totals-job.jar")
                .containsEntry(GlueEngine.JOB_CLASS, "dev.sparkpipeline.examples.DailyTotalsJob");
        assertThat(run.arguments().get("--conf")).endsWith(" --conf spark.sql.shuffle.partitions=4");
    }

    @Test
    void aPySparkJobIsRefusedOnGlueWithTheReasonAndNoRunStarts() {
        var pySpark = new GlueEngine(client, settings("unused", Requests.withPySparkDataset()), Clock.systemUTC());

        assertThatThrownBy(() -> pySpark.submit(request(Engine.GLUE, "py-run-1", null, "py_totals")))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessage("dataset py_totals runs a PySpark job (s3://my-jobs/totals.py), which the stack's Glue job"
                        + " (a Scala script) cannot run: run it on EMR_SERVERLESS or EMR");
        assertThat(client.getJobRuns(b -> b.jobName("curate")).jobRuns()).isEmpty();
    }
}

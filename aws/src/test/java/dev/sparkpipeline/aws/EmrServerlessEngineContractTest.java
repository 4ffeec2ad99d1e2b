package dev.sparkpipeline.aws;

import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.error.NotFound;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/** EmrServerlessEngine with the real SDK client against moto_server (runs there end in SUCCESS at once). */
class EmrServerlessEngineContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private EmrServerlessClient client;
    private String applicationId;
    private EmrServerlessEngine engine;

    @BeforeEach
    void application() {
        moto.reset();
        client = moto.clients().emrServerless();
        applicationId = moto.createCurateApplication();
        engine = new EmrServerlessEngine(client, settings(applicationId), Clock.systemUTC());
    }

    @Test
    void submitStartsTheCurateJobWithTheSameArgumentsEveryEngineUses() {
        JobHandle handle = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        var run = client.getJobRun(b -> b.applicationId(applicationId).jobRunId(handle.jobId()))
                .jobRun();
        assertThat(run.name()).isEqualTo("orders-run-1");
        assertThat(run.jobDriver().sparkSubmit().entryPoint())
                .isEqualTo("s3://artifacts-bucket/jobs/curate/curate-job.jar");
        assertThat(run.jobDriver().sparkSubmit().entryPointArguments())
                .containsExactly(
                        "--input",
                        "s3://landing-bucket/orders/2026/11/22/orders-001.csv",
                        "--output",
                        "s3://curated-bucket/orders",
                        "--dataset",
                        "orders",
                        "--run-id",
                        "orders-run-1",
                        "--table",
                        "pipeline_curated.orders",
                        "--source-version",
                        "v1",
                        "--source-etag",
                        "etag",
                        "--compact-every",
                        "20",
                        "--snapshot-retention-days",
                        "7");
        assertThat(run.jobDriver().sparkSubmit().sparkSubmitParameters())
                .startsWith(
                        "--class dev.sparkpipeline.curate.CurateJob"
                                + " --conf spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar"
                                + " --conf spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .contains(" --conf spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog")
                .contains(" --conf spark.sql.catalog.lake.warehouse=s3://curated-bucket/");
        assertThat(run.executionTimeoutMinutes()).isEqualTo(60);
        assertThat(run.tags()).containsEntry("execution", "orders-run-1").containsEntry("dataset", "orders");
    }

    @Test
    void aRetriedSubmitFindsTheRunItStartedInsteadOfStartingAnother() {
        JobHandle first = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        JobHandle again = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(client.listJobRuns(b -> b.applicationId(applicationId)).jobRuns())
                .hasSize(1);
    }

    @Test
    void theDeadlineIsTheJobTimeoutAfterSubmission() {
        JobHandle handle = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        assertThat(handle.deadlineAt() - handle.submittedAt()).isEqualTo(60 * 60 + JobHandle.DEADLINE_GRACE_SECONDS);
    }

    @Test
    void observeReportsTheRawStateUsageAndLogLinks() {
        JobHandle handle = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        var seen = engine.observe(handle);

        assertThat(seen.rawState()).isEqualTo("SUCCESS");
        assertThat(seen.failureReason()).isNull();
        assertThat(seen.links())
                .containsKeys("driverLogs", "console")
                .containsEntry(
                        "driverLogs",
                        "s3://artifacts-bucket/logs/emr-serverless/applications/" + applicationId + "/jobs/"
                                + handle.jobId() + "/SPARK_DRIVER/");
        assertThat(seen.usage()).containsKeys("vCPU-hours", "GB-hours");
    }

    @Test
    void cancellingAnEndedRunIsANoOp() {
        JobHandle handle = engine.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));

        engine.cancel(handle);

        assertThat(client.getJobRun(b -> b.applicationId(applicationId).jobRunId(handle.jobId()))
                        .jobRun()
                        .stateAsString())
                .isEqualTo("SUCCESS");
    }

    @Test
    void anUnknownApplicationIsAPermanentNotFound() {
        var lost = new EmrServerlessEngine(client, settings("00fakeapplication"), Clock.systemUTC());

        assertThatThrownBy(() -> lost.submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aDatasetsOwnJarRunsAsTheEntryPointWithItsClassItsSettingsAndTheContractsArgumentsFirst() {
        JobHandle handle = engine.submit(request(Engine.EMR_SERVERLESS, "totals-run-1", null, "order_totals"));

        var submit = client.getJobRun(b -> b.applicationId(applicationId).jobRunId(handle.jobId()))
                .jobRun()
                .jobDriver()
                .sparkSubmit();
        assertThat(submit.entryPoint())
                .isEqualTo("s3://artifacts-bucket/jobs/examples/daily-totals/target/daily-totals-job.jar");
        assertThat(submit.entryPointArguments())
                .startsWith("--input", "s3://landing-bucket/order_totals/2026/11/22/order_totals-001.csv")
                .containsSubsequence("--dataset", "order_totals", "--run-id", "totals-run-1")
                .endsWith("--min-amount", "0");
        assertThat(submit.sparkSubmitParameters())
                .startsWith("--class dev.sparkpipeline.examples.DailyTotalsJob"
                        + " --conf spark.sql.shuffle.partitions=4"
                        + " --conf spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar")
                .contains(" --conf spark.sql.catalog.lake.warehouse=s3://curated-bucket/");
    }

    @Test
    void aPySparkJobRunsItsScriptWithItsPythonFilesAndArchives() {
        var pySpark = new EmrServerlessEngine(
                client, settings(applicationId, Requests.withPySparkDataset()), Clock.systemUTC());

        JobHandle handle = pySpark.submit(request(Engine.EMR_SERVERLESS, "py-run-1", null, "py_totals"));

        var submit = client.getJobRun(b -> b.applicationId(applicationId).jobRunId(handle.jobId()))
                .jobRun()
                .jobDriver()
                .sparkSubmit();
        assertThat(submit.entryPoint()).isEqualTo("s3://my-jobs/totals.py");
        assertThat(submit.entryPointArguments()).startsWith("--input").endsWith("--currency", "EUR");
        assertThat(submit.sparkSubmitParameters())
                .startsWith("--py-files s3://artifacts-bucket/jobs/examples/lib.zip"
                        + " --archives s3://my-jobs/env.tar.gz#env --conf spark.sql.shuffle.partitions=8")
                .doesNotContain("--class");
    }
}

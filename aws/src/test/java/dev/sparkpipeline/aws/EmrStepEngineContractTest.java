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
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepSummary;

/** EmrStepEngine with the real SDK client against moto_server's (mostly static) clusters and steps. */
class EmrStepEngineContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private EmrClient client;
    private String clusterId;
    private EmrStepEngine engine;

    @BeforeEach
    void cluster() {
        moto.reset();
        client = moto.clients().emr();
        clusterId = client.runJobFlow(b -> b.name("transient")
                        .releaseLabel("emr-7.9.0")
                        .applications(Application.builder().name("Spark").build())
                        .serviceRole("emr-service")
                        .jobFlowRole("emr-instance")
                        .logUri("s3://artifacts-bucket/logs/emr/")
                        .instances(i -> i.instanceCount(3)
                                .masterInstanceType("m5.xlarge")
                                .slaveInstanceType("m5.xlarge")
                                .keepJobFlowAliveWhenNoSteps(true)))
                .jobFlowId();
        engine = new EmrStepEngine(client, settings("unused"), Clock.systemUTC());
    }

    @Test
    void submitAddsASparkSubmitStepNamedAfterTheRun() {
        JobHandle handle = engine.submit(request(Engine.EMR, "orders-run-1", clusterId));

        var step = client.describeStep(b -> b.clusterId(clusterId).stepId(handle.jobId()))
                .step();
        assertThat(step.name()).isEqualTo("orders-run-1");
        assertThat(step.actionOnFailureAsString()).isEqualTo("CONTINUE");
        assertThat(step.config().jar()).isEqualTo("command-runner.jar");
        assertThat(step.config().args())
                .startsWith("spark-submit", "--deploy-mode", "cluster", "--class", "dev.sparkpipeline.curate.CurateJob")
                .containsSubsequence(
                        "--conf",
                        "spark.sql.catalog.lake.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog",
                        "--conf",
                        "spark.sql.catalog.lake.io-impl=org.apache.iceberg.aws.s3.S3FileIO",
                        "--conf",
                        "spark.sql.catalog.lake.warehouse=s3://curated-bucket/",
                        "s3://artifacts-bucket/jobs/curate/curate-job.jar",
                        "--input")
                .containsSubsequence("--table", "pipeline_curated.orders", "--source-version", "v1");
        assertThat(handle.containerId()).isEqualTo(clusterId);
    }

    @Test
    void aRetriedSubmitFindsTheStepByItsName() {
        JobHandle first = engine.submit(request(Engine.EMR, "orders-run-1", clusterId));

        JobHandle again = engine.submit(request(Engine.EMR, "orders-run-1", clusterId));

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(client.listSteps(b -> b.clusterId(clusterId)).steps())
                .extracting(StepSummary::name)
                .containsExactly("orders-run-1");
    }

    @Test
    void observeReportsTheStepStateAndItsLogFolder() {
        JobHandle handle = engine.submit(request(Engine.EMR, "orders-run-1", clusterId));

        var seen = engine.observe(handle);

        assertThat(seen.rawState()).isIn("PENDING", "RUNNING", "COMPLETED");
        assertThat(seen.links())
                .containsEntry(
                        "stepLogs", "s3://artifacts-bucket/logs/emr/" + clusterId + "/steps/" + handle.jobId() + "/");
    }

    @Test
    void aStepWaitingOnATerminatedClusterIsReportedAsTheClusterEnding() {
        JobHandle handle = engine.submit(request(Engine.EMR, "orders-run-1", clusterId));
        client.terminateJobFlows(b -> b.jobFlowIds(clusterId));

        var seen = engine.observe(handle);

        assertThat(seen.rawState()).startsWith("CLUSTER_TERMINAT");
        assertThat(seen.failureReason()).contains(clusterId);
    }

    @Test
    void aClusterHoldingItsLimitOfActiveStepsRefusesTheJobForCapacityAndAddsNoStep() {
        List<StepConfig> busy = new ArrayList<>();
        for (int i = 0; i < EmrStepEngine.ACTIVE_STEP_LIMIT; i++) {
            busy.add(StepConfig.builder()
                    .name("other-" + i)
                    .actionOnFailure(ActionOnFailure.CONTINUE)
                    .hadoopJarStep(j -> j.jar("command-runner.jar").args("true"))
                    .build());
        }
        client.addJobFlowSteps(b -> b.jobFlowId(clusterId).steps(busy));

        assertThatThrownBy(() -> engine.submit(request(Engine.EMR, "orders-run-1", clusterId)))
                .isInstanceOf(ConcurrentRunsExceeded.class)
                .hasMessageContaining("256 active steps");
        assertThat(client.listStepsPaginator(b -> b.clusterId(clusterId)).steps())
                .extracting(StepSummary::name)
                .doesNotContain("orders-run-1");
    }

    @Test
    void anEmrJobWithoutAClusterIsAPermanentConfigurationError() {
        assertThatThrownBy(() -> engine.submit(request(Engine.EMR, "orders-run-1", null)))
                .isInstanceOf(InvalidJobConfig.class);
    }

    @Test
    void aDatasetsOwnJarIsTheStepsApplicationWithItsClassAndArgumentsAfterTheContracts() {
        JobHandle handle = engine.submit(request(Engine.EMR, "totals-run-1", clusterId, "order_totals"));

        var args = client.describeStep(b -> b.clusterId(clusterId).stepId(handle.jobId()))
                .step()
                .config()
                .args();
        assertThat(args)
                .startsWith(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--class",
                        "dev.sparkpipeline.examples.DailyTotalsJob",
                        "--conf",
                        "spark.sql.shuffle.partitions=4")
                .containsSubsequence(
                        "s3://artifacts-bucket/jobs/examples/daily-totals/target/daily-totals-job.jar",
                        "--input",
                        "s3://landing-bucket/order_totals/2026/11/22/order_totals-001.csv")
                .endsWith("--min-amount", "0");
    }

    @Test
    void aPySparkStepSubmitsTheScriptWithItsPythonFilesAndArchives() {
        var pySpark = new EmrStepEngine(client, settings("unused", Requests.withPySparkDataset()), Clock.systemUTC());

        JobHandle handle = pySpark.submit(request(Engine.EMR, "py-run-1", clusterId, "py_totals"));

        var args = client.describeStep(b -> b.clusterId(clusterId).stepId(handle.jobId()))
                .step()
                .config()
                .args();
        assertThat(args)
                .startsWith(
                        "spark-submit",
                        "--deploy-mode",
                        "cluster",
                        "--py-files",
                        "s3://artifacts-bucket/jobs/examples/lib.zip",
                        "--archives",
                        "s3://my-jobs/env.tar.gz#env")
                .containsSubsequence("s3://my-jobs/totals.py", "--input")
                .doesNotContain("--class")
                .endsWith("--currency", "EUR");
    }
}

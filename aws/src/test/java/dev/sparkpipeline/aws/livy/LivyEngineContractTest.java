package dev.sparkpipeline.aws.livy;

import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.error.InvalidJobConfig;
import dev.sparkpipeline.core.error.JobLost;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Application;

/**
 * LivyEngine with the real EMR client against moto_server's clusters and a stub of Livy's batch API
 * standing where the cluster's primary node would answer.
 */
class LivyEngineContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String RUN = "orders-run-1";

    private LivyStub livy;
    private EmrClient emr;
    private String clusterId;
    private final List<URI> addressed = new ArrayList<>();
    private LivyEngine engine;

    @BeforeEach
    void clusterWithLivy() throws IOException {
        moto.reset();
        livy = new LivyStub();
        emr = moto.clients().emr();
        clusterId = emr.runJobFlow(b -> b.name("transient")
                        .releaseLabel("emr-7.9.0")
                        .applications(
                                Application.builder().name("Spark").build(),
                                Application.builder().name("Livy").build())
                        .serviceRole("emr-service")
                        .jobFlowRole("emr-instance")
                        .instances(i -> i.instanceCount(3)
                                .masterInstanceType("m5.xlarge")
                                .slaveInstanceType("m5.xlarge")
                                .keepJobFlowAliveWhenNoSteps(true)))
                .jobFlowId();
        engine = new LivyEngine(emr, settings("unused"), Clock.systemUTC(), endpoint -> {
            addressed.add(endpoint);
            return new LivyBatches(LivyClient.to(livy.endpoint()), 2);
        });
    }

    @AfterEach
    void stop() {
        livy.close();
    }

    @Test
    void submitPostsTheCurateJobToLivyOnTheClustersPrimaryNode() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));

        String primary =
                emr.describeCluster(b -> b.clusterId(clusterId)).cluster().masterPublicDnsName();
        assertThat(addressed).contains(URI.create("http://" + primary + ":8998"));
        LivyStub.Batch posted = livy.batch(Integer.parseInt(handle.jobId()));
        assertThat(posted.name).isEqualTo(RUN);
        assertThat(posted.body)
                .containsEntry("file", "s3://artifacts-bucket/jobs/curate/curate-job.jar")
                .containsEntry("className", "dev.sparkpipeline.curate.CurateJob");
        assertThat(posted.body.get("args").toString()).contains("--run-id, " + RUN, "--table, pipeline_curated.orders");
        assertThat(handle.engine()).isEqualTo(Engine.EMR_LIVY);
        assertThat(handle.containerId()).isEqualTo(clusterId);
        assertThat(handle.runId()).isEqualTo(RUN);
    }

    @Test
    void aRetriedSubmitFindsItsBatchByNameInsteadOfPostingASecond() {
        JobHandle first = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));

        JobHandle again = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(livy.batches()).hasSize(1);
    }

    @Test
    void observeReportsLivysStateAndItsLinks() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));
        livy.advance(Integer.parseInt(handle.jobId()), "running", "application_1_0001");

        EngineObservation seen = engine.observe(handle);

        assertThat(seen.rawState()).isEqualTo("running");
        assertThat(seen.links()).containsKey("console");
    }

    @Test
    void afterLivyRestartedWithoutRecoveryAnotherJobAtTheSameIdIsNeverTakenForThisOne() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));
        livy.restartWithoutRecovery();
        livy.submittedElsewhere("someone-elses-job");

        assertThatThrownBy(() -> engine.observe(handle))
                .isInstanceOf(JobLost.class)
                .hasMessageContaining("now names")
                .hasMessageContaining("someone-elses-job");
    }

    @Test
    void aBatchFoundAgainByNameAfterTheIdsMovedIsTrackedWhereItIsNow() {
        livy.submittedElsewhere("first-of-the-day");
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));
        int id = Integer.parseInt(handle.jobId());
        livy.advance(id, "success", "application_1_0002");

        assertThat(engine.observe(handle).rawState()).isEqualTo("success");
    }

    @Test
    void cancelKillsTheVerifiedBatch() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));

        engine.cancel(handle);

        assertThat(livy.calls()).contains("DELETE /batches/" + handle.jobId());
    }

    @Test
    void aJobWithoutAClusterIsRefusedBeforeLivyIsAsked() {
        assertThatThrownBy(() -> engine.submit(request(Engine.EMR_LIVY, RUN, null)))
                .isInstanceOf(InvalidJobConfig.class)
                .hasMessageContaining("needs a cluster");
        assertThat(livy.calls()).isEmpty();
    }

    @Test
    void aClusterThatEndedFailsTheJobWithTheClustersState() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, RUN, clusterId));
        emr.terminateJobFlows(b -> b.jobFlowIds(clusterId));

        EngineObservation seen = engine.observe(handle);

        assertThat(seen.rawState()).isEqualTo("dead");
        assertThat(seen.failureReason()).contains("cluster " + clusterId + " is TERMINATED");
    }

    @Test
    void aDatasetsOwnJarIsTheBatchsFileWithItsClassConfAndArgumentsAfterTheContracts() {
        JobHandle handle = engine.submit(request(Engine.EMR_LIVY, "totals-run-1", clusterId, "order_totals"));

        LivyStub.Batch posted = livy.batch(Integer.parseInt(handle.jobId()));
        assertThat(posted.body)
                .containsEntry("file", "s3://artifacts-bucket/jobs/examples/daily-totals/target/daily-totals-job.jar")
                .containsEntry("className", "dev.sparkpipeline.examples.DailyTotalsJob");
        assertThat(posted.body.get("args").toString()).startsWith("[--input,").endsWith("--min-amount, 0]");
        assertThat(posted.body.get("conf").toString())
                .contains("spark.sql.shuffle.partitions=4", "spark.sql.catalog.lake.warehouse=");
    }

    @Test
    void aPySparkBatchCarriesItsPythonFilesAndArchivesAndNoClass() {
        var pySpark = new LivyEngine(
                emr,
                settings("unused", Requests.withPySparkDataset()),
                Clock.systemUTC(),
                endpoint -> new LivyBatches(LivyClient.to(livy.endpoint()), 2));

        JobHandle handle = pySpark.submit(request(Engine.EMR_LIVY, "py-run-1", clusterId, "py_totals"));

        LivyStub.Batch posted = livy.batch(Integer.parseInt(handle.jobId()));
        assertThat(posted.body)
                .containsEntry("file", "s3://my-jobs/totals.py")
                .containsEntry("pyFiles", List.of("s3://artifacts-bucket/jobs/examples/lib.zip"))
                .containsEntry("archives", List.of("s3://my-jobs/env.tar.gz#env"))
                .doesNotContainKey("className");
    }
}

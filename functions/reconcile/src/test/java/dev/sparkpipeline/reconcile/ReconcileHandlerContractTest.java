package dev.sparkpipeline.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.AwsClients;
import dev.sparkpipeline.aws.AwsJobEngines;
import dev.sparkpipeline.aws.ClusterReaper;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.Requests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Reconciler;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MetricLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reconciler on moto_server: an execution that ended without its Catch (aborted, timed out)
 * still gets a fate: the job found by its name is stopped, its transient clusters (and only
 * its) are terminated, and its file is recorded under failed/ once.
 */
class ReconcileHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final MetricLines metricLines = new MetricLines();

    private static final String EXECUTION = "orders-5f2c0d1f6b8b4a0f9e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    private EmrClient emr;
    private S3Client s3;
    private AwsClients clients;
    private String applicationId;

    @BeforeEach
    void account() {
        moto.reset();
        clients = moto.clients();
        emr = clients.emr();
        s3 = clients.s3();
        s3.createBucket(b -> b.bucket("landing-bucket"));
        s3.createBucket(b -> b.bucket("quarantine-bucket"));
        s3.putObject(
                b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
        applicationId = moto.createCurateApplication();
    }

    @Test
    void anAbortedExecutionsJobIsFoundByNameAndItsFileRecorded() throws IOException {
        var engines = AwsJobEngines.on(clients, Requests.settings(applicationId), Clock.systemUTC());
        String jobRun = engines.get(Engine.EMR_SERVERLESS)
                .submit(Requests.request(Engine.EMR_SERVERLESS, EXECUTION, null))
                .jobId();

        Map<String, Object> answer = invoke("execution-aborted.json");

        assertThat(answer).containsEntry("status", "ABORTED").containsEntry("cancelledJob", jobRun);
        Map<String, Object> reason = JSON.std.mapFrom(read((String) answer.get("failureRecord")));
        assertThat(reason).containsEntry("kind", "ExecutionAborted").containsEntry("executionName", EXECUTION);
        assertThat((String) reason.get("cause")).contains("StopExecution");
        assertThat(s3.listObjectsV2(b -> b.bucket("quarantine-bucket").prefix("failed/"))
                        .contents())
                .as("the copy and its reason")
                .hasSize(2);
    }

    @Test
    void theExecutionsTransientClusterIsTerminatedAndNoOtherCluster() throws IOException {
        String mine = cluster("spark-pipeline-" + EXECUTION);
        String other = cluster("spark-pipeline-customers-0000");

        Map<String, Object> answer = invoke("execution-aborted.json");

        assertThat(answer.get("terminatedClusters").toString()).contains(mine).doesNotContain(other);
        assertThat(state(mine)).startsWith("TERMINAT");
        assertThat(state(other)).doesNotStartWith("TERMINAT");
    }

    @Test
    void aRepeatedEventRecordsNothingTwice() throws IOException {
        Map<String, Object> first = invoke("execution-aborted.json");

        Map<String, Object> again = invoke("execution-aborted.json");

        assertThat(again.get("failureRecord")).isEqualTo(first.get("failureRecord"));
        assertThat(s3.listObjectVersions(b -> b.bucket("quarantine-bucket").prefix("failed/"))
                        .versions())
                .hasSize(2);
    }

    @Test
    void anAbortedExecutionsFileIsCountedAsFailedForItsDatasetAndEngine() throws IOException {
        invoke("execution-aborted.json");

        assertThat(metricLines.documentWith(MetricNames.FILES_FAILED))
                .containsEntry("FilesFailed", 1)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "EMR_SERVERLESS")
                .containsEntry("Function", "reconcile");
    }

    @Test
    void aFileTheFailurePathRecordedIsNotCountedAgain() throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("execution-aborted.json"));
        String input = (String) ((Map<?, ?>) event.get("detail")).get("input");
        new FailureRecorder(
                        new S3ObjectStore(s3),
                        "quarantine-bucket",
                        Clock.systemUTC(),
                        new MetricLines().metrics("record-failure", Clock.systemUTC()))
                .record(
                        EXECUTION,
                        null,
                        ExecutionInputJson.read(input.getBytes(StandardCharsets.UTF_8)),
                        null,
                        "JobFailed",
                        "the job failed");

        invoke("execution-aborted.json");

        assertThat(metricLines.documentWith(MetricNames.FILES_FAILED)).containsEntry("FilesFailed", 0);
    }

    @Test
    void aRepeatedEventCountsNoFileAgain() throws IOException {
        invoke("execution-aborted.json");

        invoke("execution-aborted.json");

        assertThat(metricLines.documentsWith(MetricNames.FILES_FAILED))
                .extracting(document -> document.get("FilesFailed"))
                .containsExactly(1, 0);
    }

    @Test
    void anEventWithoutItsInputCountsNoFile() throws IOException {
        invoke("execution-timed-out.json");

        assertThat(metricLines.documentsWith(MetricNames.FILES_FAILED)).isEmpty();
    }

    @Test
    void anEventWithoutItsInputStillReapsTheClusters() throws IOException {
        String mine = cluster("spark-pipeline-" + EXECUTION);

        Map<String, Object> answer = invoke("execution-timed-out.json");

        assertThat(answer).containsEntry("status", "TIMED_OUT").containsEntry("failureRecord", null);
        assertThat(answer.get("note").toString()).contains("no input");
        assertThat(state(mine)).startsWith("TERMINAT");
    }

    @Test
    void anInputRefusedAtTheFirstStatesLeavesNothingToDo() throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("execution-aborted.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        detail.put("status", "FAILED");
        detail.put("error", "InvalidInput");
        detail.put("cause", "dataset invoices is not in the datasets configuration");

        Map<String, Object> answer = invoke(JSON.std.asBytes(event));

        assertThat(answer).containsEntry("failureRecord", null);
        assertThat(s3.listObjectsV2(b -> b.bucket("quarantine-bucket")).contents())
                .isEmpty();
    }

    private String cluster(String name) {
        return emr.runJobFlow(b -> b.name(name)
                        .releaseLabel("emr-7.9.0")
                        .serviceRole("r")
                        .jobFlowRole("p")
                        .instances(i -> i.instanceCount(1)
                                .masterInstanceType("m5.xlarge")
                                .keepJobFlowAliveWhenNoSteps(true))
                        .tags(Tag.builder()
                                .key("pipeline")
                                .value("spark-pipeline")
                                .build()))
                .jobFlowId();
    }

    private String state(String clusterId) {
        return emr.describeCluster(b -> b.clusterId(clusterId))
                .cluster()
                .status()
                .stateAsString();
    }

    private String read(String uri) {
        String key = uri.substring("s3://quarantine-bucket/".length());
        return s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key(key)).asUtf8String();
    }

    private Map<String, Object> invoke(String fixture) throws IOException {
        return invoke(Fixtures.bytes(fixture));
    }

    private Map<String, Object> invoke(byte[] event) throws IOException {
        var reconciler = new Reconciler(
                AwsJobEngines.on(clients, Requests.settings(applicationId), Clock.systemUTC()),
                new ClusterReaper(emr, "spark-pipeline"),
                new FailureRecorder(
                        new S3ObjectStore(s3),
                        "quarantine-bucket",
                        Clock.systemUTC(),
                        metricLines.metrics("reconcile", Clock.systemUTC())));
        var out = new ByteArrayOutputStream();
        new ReconcileHandler(reconciler).handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

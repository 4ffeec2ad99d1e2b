package dev.sparkpipeline.aws;

import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.aws.testing.SentRequests;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;

/** The orders dataset's EMR Serverless profile (config/datasets.json) reaches StartJobRun, against moto_server. */
class EmrServerlessProfileContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final SentRequests sent = new SentRequests();
    private EmrServerlessClient client;
    private String applicationId;
    private EmrServerlessEngine engine;

    @BeforeEach
    void application() {
        moto.reset();
        client = sent.client(EmrServerlessClient.builder(), moto.endpoint());
        applicationId = moto.createCurateApplication();
        engine = new EmrServerlessEngine(client, settings(applicationId), Clock.systemUTC());
    }

    @Test
    void theDatasetsSparkSizingComesAfterThePipelinesSettingsAndBeforeTheInputsOwn() {
        JobHandle handle = engine.submit(orders("orders-run-1", "--conf spark.executor.memory=16g"));

        String parameters = client.getJobRun(b -> b.applicationId(applicationId).jobRunId(handle.jobId()))
                .jobRun()
                .jobDriver()
                .sparkSubmit()
                .sparkSubmitParameters();
        assertThat(confs(parameters))
                .containsSubsequence(
                        "spark.sql.catalog.lake.warehouse=s3://curated-bucket/",
                        "spark.driver.cores=2",
                        "spark.driver.memory=4g",
                        "spark.emr-serverless.driver.disk=20g",
                        "spark.executor.cores=4",
                        "spark.executor.memory=8g",
                        "spark.emr-serverless.executor.disk=40g",
                        "spark.dynamicAllocation.minExecutors=1",
                        "spark.dynamicAllocation.maxExecutors=20",
                        "spark.dynamicAllocation.initialExecutors=2",
                        "spark.executor.memory=16g")
                .as("the input's own setting is the last of its name: spark-submit keeps it")
                .endsWith("spark.executor.memory=16g");
    }

    @Test
    void theRetryPolicyAndTheDatasetsSessionPolicyAreSent() {
        engine.submit(orders("orders-run-2", null));

        StartJobRunRequest start = sent.of(StartJobRunRequest.class).get(0);
        assertThat(start.retryPolicy().maxAttempts()).isEqualTo(2);
        String policy = start.executionIamPolicy().policy();
        assertThat(policy.length())
                .as("StartJobRun takes a policy of at most 2048 characters")
                .isLessThanOrEqualTo(2048);
        List<JsonObject> statements =
                JsonObject.parse(policy.getBytes(StandardCharsets.UTF_8)).objectList("Statement");
        assertThat(resources(statements, "ReadLanded")).containsExactly("arn:aws:s3:::landing-bucket/orders/*");
        assertThat(resources(statements, "WriteCurated")).contains("arn:aws:s3:::curated-bucket/orders/*");
        assertThat(resources(statements, "OwnTable"))
                .contains("arn:aws:glue:us-east-1:123456789012:table/pipeline_curated/orders")
                .noneMatch(resource -> resource.endsWith("/*"));
    }

    private static List<String> confs(String parameters) {
        List<String> confs = new ArrayList<>();
        String[] words = parameters.split(" ");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--conf")) {
                confs.add(words[i + 1]);
            }
        }
        return confs;
    }

    private static List<String> resources(List<JsonObject> statements, String sid) {
        return statements.stream()
                .filter(statement -> statement.string("Sid").equals(sid))
                .flatMap(statement -> statement.stringList("Resource").stream())
                .toList();
    }

    private static JobRequest orders(String executionName, String sparkSubmitParameters) {
        var input = new ExecutionInput(
                "orders",
                new SourceObject("landing-bucket", "orders/2026/11/22/orders-001.csv", "v1", "etag", 1024, null),
                Engine.EMR_SERVERLESS,
                new JobSettings(60, Map.of(), sparkSubmitParameters, null));
        return new JobRequest(executionName, input, null);
    }
}

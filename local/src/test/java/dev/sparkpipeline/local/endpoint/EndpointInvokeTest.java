package dev.sparkpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code invoke --aws-endpoint}: one function on its AWS adapters against moto, as {@code sam local
 * invoke} would run it against real AWS; the executions it starts are on the endpoint's state
 * machine, and their inputs are saved for {@code execute -i}.
 */
class EndpointInvokeTest {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "customers/2026/11/22/customers-001.csv";
    private static final String ORDERS_KEY = "orders/2026/11/22/orders-001.csv";

    @TempDir
    Path lake;

    @BeforeEach
    void freshAccount() {
        MOTO.reset();
    }

    @Test
    void theValidateFunctionStartsAnExecutionOnTheEndpointAndItsInputIsSaved() throws IOException {
        try (S3Client s3 = MOTO.clients().s3()) {
            s3.createBucket(request -> request.bucket("landing-bucket"));
            s3.putObject(
                    request -> request.bucket("landing-bucket").key(KEY),
                    RequestBody.fromFile(ProjectFiles.root().resolve("events/data/customers.csv")));
        }
        // Without the version id: moto's bucket is not versioned.
        Path eventFile = objectCreatedEvent(
                detail -> ((ObjectNode) detail.path("object")).put("key", KEY).remove("version-id"));

        CliRun run = invokeOnMoto(eventFile);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("response").path("files").path(0).path("outcome").asText())
                .isEqualTo("ACCEPTED");
        JsonNode started = result.path("executionsStarted").path(0);
        assertThat(started.path("name").asText()).startsWith("customers-");
        JsonNode input = JSON.readTree(Path.of(started.path("input").asText()).toFile());
        assertThat(input.path("dataset").asText()).isEqualTo("customers");
        assertThat(input.path("source").path("key").asText()).isEqualTo(KEY);
        assertThat(Files.readString(lake.resolve("_logs/functions.log")))
                .as("the function's log, captured")
                .contains("\"message\":\"execution started\"");
    }

    @Test
    void theValidateFunctionQueuesAFileOfABatchedDatasetOnTheEndpointsIntakeQueue() throws IOException {
        try (S3Client s3 = MOTO.clients().s3()) {
            s3.createBucket(request -> request.bucket("landing-bucket"));
            s3.putObject(
                    request -> request.bucket("landing-bucket").key(ORDERS_KEY),
                    RequestBody.fromFile(ProjectFiles.root().resolve("events/data/orders.csv")));
        }
        Path eventFile = objectCreatedEvent(detail ->
                ((ObjectNode) detail.path("object")).put("key", ORDERS_KEY).remove("version-id"));

        CliRun run = invokeOnMoto(eventFile);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(JSON.readTree(run.out())
                        .path("response")
                        .path("files")
                        .path(0)
                        .path("outcome")
                        .asText())
                .isEqualTo("QUEUED");
        try (SqsClient sqs = MOTO.clients().sqs()) {
            String queue = sqs.getQueueUrl(request -> request.queueName("spark-pipeline-local-IntakeQueue"))
                    .queueUrl();
            List<String> bodies =
                    sqs.receiveMessage(request -> request.queueUrl(queue).maxNumberOfMessages(10)).messages().stream()
                            .map(message -> message.body())
                            .toList();
            assertThat(bodies).singleElement().asString().contains(ORDERS_KEY);
        }
    }

    @Test
    void anEndpointNothingAnswersOnIsAUsageErrorOnOneLine() throws IOException {
        Path eventFile = lake.resolve("event.json");
        Files.copy(ProjectFiles.root().resolve("events/eventbridge-object-created.json"), eventFile);

        // The discard port: nothing listens there.
        CliRun run = CliRun.of(
                "invoke",
                "ValidateFunction",
                "-e",
                eventFile.toString(),
                "--aws-endpoint",
                "http://127.0.0.1:9",
                "--lake",
                lake.toString());

        assertThat(run.usageError()).startsWith("pipeline-local: cannot reach the AWS endpoint http://127.0.0.1:9");
    }

    @Test
    void theBucketsItProvisionsAreVersionedAsTheTemplateMakesThem() throws IOException {
        CliRun run = invokeTestEvent();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (S3Client s3 = MOTO.clients().s3()) {
            for (String bucket : List.of("landing-bucket", "curated-bucket", "quarantine-bucket")) {
                assertThat(s3.getBucketVersioning(request -> request.bucket(bucket))
                                .status())
                        .as(bucket)
                        .isEqualTo(BucketVersioningStatus.ENABLED);
            }
        }
    }

    @Test
    void aBucketDeletedAfterProvisioningIsAUsageErrorAndIsNotMadeAgain() throws IOException {
        assertThat(invokeTestEvent().exitCode()).isZero();
        try (S3Client s3 = MOTO.clients().s3()) {
            s3.deleteBucket(request -> request.bucket("landing-bucket"));
        }

        CliRun run = invokeTestEvent();

        assertThat(run.usageError()).contains("the bucket landing-bucket of this stack is gone");
        try (S3Client s3 = MOTO.clients().s3()) {
            assertThat(s3.listBuckets().buckets())
                    .extracting(bucket -> bucket.name())
                    .doesNotContain("landing-bucket");
        }
    }

    @Test
    void anEventForABucketThatDoesNotExistFailsNamingTheBucketInsteadOfReportingTheObjectGone() throws IOException {
        Path eventFile =
                objectCreatedEvent(detail -> ((ObjectNode) detail.path("bucket")).put("name", "no-such-bucket"));

        CliRun run = invokeOnMoto(eventFile);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("error").asText()).endsWith("NotFound");
        assertThat(result.path("cause").asText())
                .contains("the bucket no-such-bucket does not exist")
                .doesNotContain("MISSING");
    }

    /** The fixture's EventBridge event with its {@code detail} changed by {@code edit}, in a file. */
    private Path objectCreatedEvent(Consumer<JsonNode> edit) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(ProjectFiles.root()
                .resolve("events/eventbridge-object-created.json")
                .toFile());
        edit.accept(event.path("detail"));
        Path eventFile = lake.resolve("event.json");
        JSON.writeValue(eventFile.toFile(), event);
        return eventFile;
    }

    private CliRun invokeTestEvent() {
        return invokeOnMoto(ProjectFiles.root().resolve("events/s3-test-event.json"));
    }

    /** {@code invoke ValidateFunction} of {@code event} on moto, answering in JSON. */
    private CliRun invokeOnMoto(Path event) {
        return CliRun.of(
                "invoke",
                "ValidateFunction",
                "-e",
                event.toString(),
                "--aws-endpoint",
                MOTO.endpoint().toString(),
                "--lake",
                lake.toString(),
                "--json");
    }
}

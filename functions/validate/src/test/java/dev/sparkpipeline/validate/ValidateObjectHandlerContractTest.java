package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.SqsIntakeQueue;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The validate function against moto_server with the real S3 and Step Functions clients:
 * accept, quarantine, duplicate and missing.
 */
class ValidateObjectHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String LANDING = "landing-bucket";
    private static final String QUARANTINE = "quarantine-bucket";
    private static final String UNVERSIONED = "plain-landing-bucket";
    private static final String ORDERS_KEY = "orders/2026/11/22/orders-001.csv";

    private final List<String> logLines = new ArrayList<>();
    private S3Client s3;
    private SfnClient sfn;
    private String stateMachineArn;

    @BeforeEach
    void freshAccount() {
        moto.reset();
        s3 = moto.clients().s3();
        sfn = moto.clients().stepFunctions();
        for (String bucket : List.of(LANDING, QUARANTINE)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        stateMachineArn = sfn.createStateMachine(b -> b.name("pipeline")
                        .roleArn("arn:aws:iam::123456789012:role/pipeline")
                        .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"))
                .stateMachineArn();
    }

    @Test
    void aGoodFileStartsOneExecutionWithTheDesignedInput() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));

        Map<String, Object> report = invoke(handler(false), s3Event("s3-put.json", ORDERS_KEY, version));

        assertThat(fileOutcome(report)).containsEntry("outcome", "ACCEPTED").containsEntry("dataset", "orders");
        List<ExecutionListItem> executions =
                sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions();
        assertThat(executions)
                .singleElement()
                .extracting(ExecutionListItem::name)
                .isEqualTo(fileOutcome(report).get("executionName"));
        Map<String, Object> input = JSON.std.mapFrom(
                sfn.describeExecution(b -> b.executionArn(executions.get(0).executionArn()))
                        .input());
        assertThat(input).containsEntry("dataset", "orders").containsEntry("engine", "EMR_SERVERLESS");
        assertThat(map(input.get("source")))
                .containsEntry("bucket", LANDING)
                .containsEntry("key", ORDERS_KEY)
                .containsEntry("versionId", version)
                .containsEntry("size", Fixtures.bytes("data/orders.csv").length);
        assertThat(map(input.get("job"))).containsEntry("timeoutMinutes", 60);
    }

    @Test
    void aFileOfABatchedDatasetIsQueuedWithItsVersionAndStartsNothing() throws IOException {
        SqsClient sqs = moto.clients().sqs();
        String queue = sqs.createQueue(b -> b.queueName("intake")).queueUrl();
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));

        Map<String, Object> report = invoke(batchedHandler(queue), s3Event("s3-put.json", ORDERS_KEY, version));

        assertThat(fileOutcome(report)).containsEntry("outcome", "QUEUED").containsEntry("dataset", "orders");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .isEmpty();
        var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10))
                .messages();
        QueuedFile queued = QueuedFileJson.read(messages.get(0).body().getBytes(StandardCharsets.UTF_8));
        assertThat(messages).hasSize(1);
        assertThat(queued.source().versionId()).isEqualTo(version);
        assertThat(queued.source().key()).isEqualTo(ORDERS_KEY);
        assertThat(queued.queuedAt())
                .as("its wait counts from its landing")
                .isEqualTo(queued.source().landedAt());
    }

    @Test
    void aRefusedQueueFailsTheInvocationSoLambdaRetriesTheEvent() {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));
        String missingQueue = "http://127.0.0.1:1/123456789012/no-such-queue";

        assertThatThrownBy(() -> invoke(batchedHandler(missingQueue), s3Event("s3-put.json", ORDERS_KEY, version)))
                .isInstanceOf(SdkException.class);
    }

    @Test
    void anEventBridgeEventStartsAnExecutionToo() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));
        String event = fixture("eventbridge-object-created.json").replace("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", version);

        Map<String, Object> report = invoke(handler(false), event);

        assertThat(fileOutcome(report)).containsEntry("outcome", "ACCEPTED");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .hasSize(1);
    }

    @Test
    void anEventBridgeKeyThatReadsTwoWaysIsTheObjectWithTheAnnouncedBytes() throws IOException {
        // Unversioned, so no version id tells the two objects apart: "a%25b" as sent, "a%b" form-decoded.
        s3.createBucket(b -> b.bucket(UNVERSIONED));
        byte[] good = Fixtures.bytes("data/orders.csv");
        s3.putObject(
                b -> b.bucket(UNVERSIONED).key("orders/2026/11/22/a%b.csv"),
                RequestBody.fromBytes(Fixtures.bytes("data/bad/orders-missing-columns.csv")));
        String etag = s3.putObject(
                        b -> b.bucket(UNVERSIONED).key("orders/2026/11/22/a%25b.csv"), RequestBody.fromBytes(good))
                .eTag();

        Map<String, Object> report = invoke(handler(false), objectCreated("orders/2026/11/22/a%25b.csv", etag, good));

        assertThat(fileOutcome(report))
                .containsEntry("outcome", "ACCEPTED")
                .containsEntry("key", "orders/2026/11/22/a%25b.csv");
    }

    @Test
    void anEventBridgeKeyWhoseTwoReadingsHoldTheSameBytesIsTheOneWrittenLast() throws Exception {
        s3.createBucket(b -> b.bucket(UNVERSIONED));
        byte[] bad = Fixtures.bytes("data/bad/orders-missing-columns.csv");
        s3.putObject(b -> b.bucket(UNVERSIONED).key("orders/2026/11/22/a%b.csv"), RequestBody.fromBytes(bad));
        // S3's Last-Modified counts whole seconds.
        Thread.sleep(1_100);
        String etag = s3.putObject(
                        b -> b.bucket(UNVERSIONED).key("orders/2026/11/22/a%25b.csv"), RequestBody.fromBytes(bad))
                .eTag();

        Map<String, Object> report = invoke(handler(false), objectCreated("orders/2026/11/22/a%25b.csv", etag, bad));

        assertThat(fileOutcome(report))
                .containsEntry("outcome", "QUARANTINED")
                .containsEntry("key", "orders/2026/11/22/a%25b.csv");
    }

    @Test
    void aRepeatedEventIsADuplicateAndStartsNoSecondExecution() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));
        String event = s3Event("s3-put.json", ORDERS_KEY, version);
        invoke(handler(false), event);
        // S3 redelivers an event minutes later, not within the same second.
        Clock minutesLater = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(5));

        Map<String, Object> second = invoke(handler(false, minutesLater), event);

        assertThat(fileOutcome(second)).containsEntry("outcome", "DUPLICATE");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .hasSize(1);
    }

    @Test
    void aNameAlreadyTakenByAnotherInputIsADuplicateNotAnError() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));
        String event = s3Event("s3-put.json", ORDERS_KEY, version);
        String name = (String) fileOutcome(invoke(handler(false), event)).get("executionName");
        sfn.stopExecution(b -> b.executionArn(stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name));

        Map<String, Object> again = invoke(handler(false), event);

        assertThat(fileOutcome(again)).containsEntry("outcome", "DUPLICATE").containsEntry("executionName", name);
    }

    @Test
    void theLogsAndMetricsCarryNeitherCredentialsNorTheFilesRows() throws IOException {
        land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));
        String badKey = "orders/2026/11/22/orders-missing-columns.csv";
        String badVersion = land(badKey, Fixtures.bytes("data/bad/orders-missing-columns.csv"));
        invoke(
                handler(false),
                s3Event(
                        "s3-put.json",
                        ORDERS_KEY,
                        s3.headObject(b -> b.bucket(LANDING).key(ORDERS_KEY)).versionId()));
        invoke(handler(false), s3Event("s3-put.json", badKey, badVersion));
        invoke(handler(false), s3Event("s3-put.json", "orders/2026/11/22/never-landed.csv", "null"));

        String logs = String.join("\n", logLines);
        assertThat(logLines).isNotEmpty();
        for (String credential : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            assertThat(System.getenv(credential))
                    .as(credential + " is set by the build")
                    .isNotBlank();
            assertThat(logs).doesNotContain(System.getenv(credential));
        }
        for (String file : List.of("data/orders.csv", "data/bad/orders-missing-columns.csv")) {
            String[] lines = new String(Fixtures.bytes(file), StandardCharsets.UTF_8).split("\n", -1);
            assertThat(logs).as("the rows of " + file).doesNotContain(lines[1].strip());
        }
    }

    @Test
    void aBadFileIsCopiedToQuarantineWithAReasonAndStartsNothing() throws IOException {
        String key = "orders/2026/11/22/orders-missing-columns.csv";
        byte[] content = Fixtures.bytes("data/bad/orders-missing-columns.csv");
        String version = land(key, content);

        Map<String, Object> report = invoke(handler(false), s3Event("s3-put.json", key, version));

        assertThat(fileOutcome(report))
                .containsEntry("outcome", "QUARANTINED")
                .containsEntry("rule", "MISSING_COLUMNS")
                .containsEntry("reasonUri", "s3://" + QUARANTINE + "/" + quarantined(key, version) + ".reason.json");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, version)))
                        .asByteArray())
                .isEqualTo(content);
        Map<String, Object> reason = JSON.std.mapFrom(s3.getObjectAsBytes(
                        b -> b.bucket(QUARANTINE).key(quarantined(key, version) + ".reason.json"))
                .asByteArray());
        assertThat(reason)
                .containsEntry("rule", "MISSING_COLUMNS")
                .containsKey("message")
                .containsEntry("eventId", "0055AED6DCD90281E5");
        assertThat(map(reason.get("source"))).containsEntry("key", key).containsEntry("versionId", version);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .isEmpty();
        assertThat(s3.headObject(b -> b.bucket(LANDING).key(key)).versionId())
                .as("source kept")
                .isEqualTo(version);
    }

    @Test
    void theReasonDocumentHoldsNoDataRows() throws IOException {
        String key = "orders/2026/11/22/orders-missing-columns.csv";
        String version = land(key, Fixtures.bytes("data/bad/orders-missing-columns.csv"));

        invoke(handler(false), s3Event("s3-put.json", key, version));

        String reason = s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, version) + ".reason.json"))
                .asUtf8String();
        // As whole words: random version ids may hold "c-1" ("...bc-104b...").
        assertThat(reason).contains("customer").doesNotContainPattern("\\b[oc]-1\\b");
    }

    @Test
    void aRepeatedEventForABadFileMakesNoSecondQuarantineCopy() throws IOException {
        String key = "orders/2026/11/22/orders-empty.csv";
        String version = land(key, new byte[0]);
        String event = s3Event("s3-put.json", key, version);
        invoke(handler(false), event);

        invoke(handler(false), event);

        assertThat(s3.listObjectVersions(b -> b.bucket(QUARANTINE).prefix("quarantine/"))
                        .versions())
                .as("one copy and one reason document, each written once")
                .hasSize(2);
    }

    @Test
    void twoDifferentBadFilesOfTheSameNameOnOneDayEachKeepTheirOwnBytesAndReason() throws IOException {
        String key = "orders/2026/11/22/notes.txt";
        String first = land(key, "first notes".getBytes(StandardCharsets.UTF_8));
        invoke(handler(false), s3Event("s3-put.json", key, first));
        String second = land(key, "second, longer notes".getBytes(StandardCharsets.UTF_8));

        Map<String, Object> report = invoke(handler(false), s3Event("s3-put.json", key, second));

        assertThat(fileOutcome(report))
                .containsEntry("reasonUri", "s3://" + QUARANTINE + "/" + quarantined(key, second) + ".reason.json");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, first)))
                        .asUtf8String())
                .isEqualTo("first notes");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, second)))
                        .asUtf8String())
                .isEqualTo("second, longer notes");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, second) + ".reason.json"))
                        .asUtf8String())
                .contains(second)
                .doesNotContain(first);
    }

    @Test
    void anEventWithoutATimeIsDatedByTheObjectsLastModified() throws IOException {
        String key = "orders/2026/11/22/notes.txt";
        String version = land(key, Fixtures.bytes("data/bad/orders-notes.txt"));
        Instant lastModified = s3.headObject(b -> b.bucket(LANDING).key(key)).lastModified();
        String event = s3Event("s3-put.json", key, version).replaceFirst("\"eventTime\": *\"[^\"]*\",", "");
        assertThat(event).as("the fixture's eventTime removed").doesNotContain("eventTime");

        Map<String, Object> report = invoke(handler(false), event);

        String day = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
                .withZone(java.time.ZoneOffset.UTC)
                .format(lastModified);
        assertThat((String) fileOutcome(report).get("reasonUri"))
                .startsWith("s3://" + QUARANTINE + "/quarantine/" + day + "/");
    }

    @Test
    void theSourceIsDeletedAfterAVerifiedCopyOnlyWhenConfigured() throws IOException {
        String key = "orders/2026/11/22/notes.txt";
        String version = land(key, Fixtures.bytes("data/bad/orders-notes.txt"));

        invoke(handler(true), s3Event("s3-put.json", key, version));

        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(LANDING).key(key).versionId(version)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(QUARANTINE).key(quarantined(key, version)))
                        .asByteArray())
                .isEqualTo(Fixtures.bytes("data/bad/orders-notes.txt"));
    }

    @Test
    void anObjectAlreadyGoneIsCountedAsMissingWithoutError() throws IOException {
        Map<String, Object> report = invoke(handler(false), s3Event("s3-put.json", ORDERS_KEY, "no-such-version"));

        assertThat(fileOutcome(report)).containsEntry("outcome", "MISSING");
        assertThat(s3.listObjectsV2(b -> b.bucket(QUARANTINE)).contents()).isEmpty();
        assertThat(logLines).anyMatch(line -> line.contains("\"MissingFiles\":1"));
    }

    @Test
    void aVersionThatNoLongerExistsIsMissingEvenWhenTheKeyDoes() throws IOException {
        land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));

        Map<String, Object> report =
                invoke(handler(false), s3Event("s3-put.json", ORDERS_KEY, "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"));

        assertThat(fileOutcome(report)).containsEntry("outcome", "MISSING");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions())
                .isEmpty();
    }

    @Test
    void aQuarantineFailureFailsTheInvocationSoLambdaRetries() {
        String key = "orders/2026/11/22/orders-empty.csv";
        String version = land(key, new byte[0]);
        s3.deleteBucket(b -> b.bucket(QUARANTINE));

        assertThatThrownBy(() -> invoke(handler(false), s3Event("s3-put.json", key, version)))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("the bucket " + QUARANTINE + " does not exist");
        assertThat(s3.headObject(b -> b.bucket(LANDING).key(key)).versionId())
                .as("nothing lost")
                .isEqualTo(version);
    }

    @Test
    void everyFileGetsAStructuredLogLineWithItsOutcome() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));

        invoke(handler(false), s3Event("s3-put.json", ORDERS_KEY, version));

        assertThat(logLines)
                .anySatisfy(line -> assertThat(JSON.std.mapFrom(line))
                        .containsEntry("outcome", "ACCEPTED")
                        .containsEntry("dataset", "orders")
                        .containsEntry("key", ORDERS_KEY));
        assertThat(logLines)
                .anyMatch(line -> line.contains("\"AcceptedFiles\":1") && line.contains("CloudWatchMetrics"));
    }

    @Test
    void aQuarantinedFileIsCountedAsLandedAndQuarantinedForItsDataset() throws IOException {
        String key = "orders/2026/11/22/orders-empty.csv";
        String version = land(key, new byte[0]);

        invoke(handler(false), s3Event("s3-put.json", key, version));

        Map<String, Object> document = metricDocument("FilesQuarantined");
        assertThat(document)
                .containsEntry("Dataset", "orders")
                .containsEntry("FilesLanded", 1)
                .containsEntry("FilesQuarantined", 1)
                .containsEntry("Function", "validate");
        assertThat(document.get("_aws").toString())
                .contains("Namespace=SparkPipeline")
                .contains("Dimensions=[[Dataset], [Function]]")
                .contains("Name=FilesQuarantined")
                .contains("Unit=Count");
    }

    @Test
    void anAcceptedFileIsCountedAsLandedAndNotQuarantined() throws IOException {
        String version = land(ORDERS_KEY, Fixtures.bytes("data/orders.csv"));

        invoke(handler(false), s3Event("s3-put.json", ORDERS_KEY, version));

        assertThat(metricDocument("FilesLanded"))
                .containsEntry("Dataset", "orders")
                .containsEntry("FilesLanded", 1)
                .containsEntry("FilesQuarantined", 0);
    }

    /** The one EMF document the function printed that carries {@code metric}. */
    private Map<String, Object> metricDocument(String metric) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String line : logLines) {
            Map<String, Object> document = JSON.std.mapFrom(line);
            if (document.containsKey("_aws") && document.containsKey(metric)) {
                documents.add(document);
            }
        }
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private ValidateObjectHandler handler(boolean deleteSource) {
        return handler(deleteSource, Clock.systemUTC());
    }

    private ValidateObjectHandler handler(boolean deleteSource, Clock clock) {
        var store = new S3ObjectStore(s3);
        return new ValidateObjectHandler(new LandingValidator(
                store,
                new StepFunctionsExecutionStarter(sfn, stateMachineArn, clock),
                new LandingRules(Fixtures.perFileCatalog()),
                new QuarantineWriter(store, QUARANTINE, "quarantine/", deleteSource),
                Fixtures.noIntakeQueue(),
                new EventLog("validate", logLines::add, Clock.systemUTC()),
                new Metrics("SparkPipeline", "validate", logLines::add, Clock.systemUTC())));
    }

    /** The validate function with the bundled datasets, whose orders are batched, queueing on {@code queueUrl}. */
    private ValidateObjectHandler batchedHandler(String queueUrl) {
        var store = new S3ObjectStore(s3);
        return new ValidateObjectHandler(new LandingValidator(
                store,
                new StepFunctionsExecutionStarter(sfn, stateMachineArn, Clock.systemUTC()),
                new LandingRules(DatasetCatalog.bundled()),
                new QuarantineWriter(store, QUARANTINE, "quarantine/", false),
                new SqsIntakeQueue(moto.clients().sqs(), queueUrl),
                new EventLog("validate", logLines::add, Clock.systemUTC()),
                new Metrics("SparkPipeline", "validate", logLines::add, Clock.systemUTC())));
    }

    private String land(String key, byte[] content) {
        return s3.putObject(b -> b.bucket(LANDING).key(key), RequestBody.fromBytes(content))
                .versionId();
    }

    /** The quarantine copy of a landed version: the fixture event's day, the object's own folder, its key. */
    private static String quarantined(String key, String version) {
        return "quarantine/2026/11/22/" + new ObjectIdentity(LANDING, key, version, null).shortId() + "/" + key;
    }

    /** A fixture from events/ pointed at the object this test landed. */
    private static String s3Event(String fixture, String key, String versionId) {
        String encodedKey =
                java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return fixture(fixture)
                .replace("orders/2026/11/22/orders-001.csv", encodedKey)
                .replace("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", versionId);
    }

    /** The EventBridge fixture for an object of the unversioned bucket: {@code key} as sent, its ETag and size, no version. */
    private static String objectCreated(String key, String etag, byte[] content) {
        return fixture("eventbridge-object-created.json")
                .replace("\"landing-bucket\"", "\"" + UNVERSIONED + "\"")
                .replace("orders/2026/11/22/orders-001.csv", key)
                .replace("0123456789abcdef0123456789abcdef", etag.replace("\"", ""))
                .replace("\"size\": 1024", "\"size\": " + content.length)
                .replace("\"version-id\": \"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\",", "");
    }

    private static String fixture(String name) {
        return new String(Fixtures.bytes(name), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> invoke(ValidateObjectHandler handler, String event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fileOutcome(Map<String, Object> report) {
        List<Object> files = (List<Object>) report.get("files");
        assertThat(files).hasSize(1);
        return (Map<String, Object>) files.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}

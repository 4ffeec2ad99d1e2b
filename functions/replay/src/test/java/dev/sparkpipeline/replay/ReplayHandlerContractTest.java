package dev.sparkpipeline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.SqsDeadLetterQueue;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.FailureReplayer;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The replay function on moto_server: each file recorded under failed/ is started again under a
 * replay name of its own, its record marked with that name; the same record replayed twice starts
 * one execution; the event's filters pick the records; the intake dead-letter queue's messages go
 * back to the intake queue.
 */
class ReplayHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String FAILED = "orders-5f2c0d1f6b8b4a0f9e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    private static final Instant LANDED = Instant.parse("2026-11-22T08:15:30Z");

    private S3Client s3;
    private SfnClient sfn;
    private SqsClient sqs;
    private String stateMachine;
    private String intake;
    private String deadLetters;

    @BeforeEach
    void account() {
        moto.reset();
        s3 = moto.clients().s3();
        sfn = moto.clients().stepFunctions();
        sqs = moto.clients().sqs();
        for (String bucket : List.of("landing-bucket", "quarantine-bucket")) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        stateMachine = sfn.createStateMachine(b -> b.name("pipeline")
                        .roleArn("arn:aws:iam::123456789012:role/pipeline")
                        .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"))
                .stateMachineArn();
        intake = sqs.createQueue(b -> b.queueName("intake")).queueUrl();
        deadLetters = sqs.createQueue(b -> b.queueName("intake-dead-letters")).queueUrl();
    }

    @Test
    void aFailedFileRunsAgainUnderANewExecutionNameWithItsSourceVersion() throws IOException {
        SourceObject source = landAndFail("orders/2026/11/22/orders-001.csv", FAILED);

        Map<String, Object> file = single(invoke("{\"dataset\": \"orders\"}"));

        String name = (String) file.get("execution");
        assertThat(file).containsEntry("outcome", "STARTED").containsEntry("replayOf", FAILED);
        assertThat(name)
                .startsWith("orders-replay-")
                .hasSizeLessThanOrEqualTo(80)
                .matches("[A-Za-z0-9_-]+");
        assertThat(executions()).containsExactly(name);
        Map<String, Object> input = JSON.std.mapFrom(sfn.describeExecution(
                        b -> b.executionArn(stateMachine.replace(":stateMachine:", ":execution:") + ":" + name))
                .input());
        assertThat(input.get("source").toString())
                .contains("key=" + source.key())
                .contains("versionId=" + source.versionId())
                .contains("landedAt=" + LANDED);
    }

    @Test
    void theFailureRecordIsMarkedReplayedWithTheNewExecutionsName() throws IOException {
        landAndFail("orders/2026/11/22/orders-001.csv", FAILED);

        Map<String, Object> file = single(invoke("{}"));

        Map<String, Object> record = JSON.std.mapFrom(read((String) file.get("record")));
        assertThat(record.get("replayed")).asString().contains("execution=" + file.get("execution"));
        assertThat(record).containsEntry("executionName", FAILED).containsEntry("kind", "JobFailed");
    }

    @Test
    void aSecondReplayOfTheSameRecordIsADuplicateAndStartsNothing() throws IOException {
        landAndFail("orders/2026/11/22/orders-001.csv", FAILED);
        Map<String, Object> first = single(invoke("{}"));

        // A later invocation: Step Functions answers a repeated start of the running execution with its first start
        // date.
        Map<String, Object> again = single(invoke("{}", Clock.offset(Clock.systemUTC(), Duration.ofSeconds(30))));

        assertThat(again).containsEntry("outcome", "DUPLICATE").containsEntry("execution", first.get("execution"));
        assertThat(executions()).hasSize(1);
    }

    @Test
    void theEventsFiltersTakeOnlyTheKeysAskedAndTheFailuresSinceTheDay() throws IOException {
        landAndFail("orders/2026/11/22/orders-001.csv", FAILED);
        landAndFail("orders/2026/11/22/orders-002.csv", "orders-0000");

        Map<String, Object> byKey = invoke("{\"keys\": [\"orders/2026/11/22/orders-002.csv\"], \"redrive\": false}");
        Map<String, Object> tomorrow = invoke("{\"since\": \""
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1) + "\"}");

        assertThat(files(byKey))
                .singleElement()
                .satisfies(file -> assertThat(file).containsEntry("key", "orders/2026/11/22/orders-002.csv"));
        assertThat(files(tomorrow)).isEmpty();
    }

    @Test
    void theIntakeDeadLetterQueuesMessagesGoBackToTheIntakeQueue() throws IOException {
        for (int i = 0; i < 12; i++) {
            String body = "{\"message\": " + i + "}";
            sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(body));
        }

        Map<String, Object> answer = invoke("{}");

        assertThat(answer.get("redriven")).isEqualTo(Map.of(deadLetters, 12));
        assertThat(count(intake)).isEqualTo(12);
        assertThat(count(deadLetters)).isZero();
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> invoke("{\"datset\": \"orders\"}"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("datset");
    }

    /** A landed file whose execution {@code execution} failed, recorded by the real recorder. */
    private SourceObject landAndFail(String key, String execution) {
        var put = s3.putObject(
                b -> b.bucket("landing-bucket").key(key), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
        var source = new SourceObject(
                "landing-bucket",
                key,
                put.versionId(),
                put.eTag().replace("\"", ""),
                Fixtures.bytes("data/orders.csv").length,
                LANDED);
        new FailureRecorder(
                        new S3ObjectStore(s3),
                        "quarantine-bucket",
                        Clock.systemUTC(),
                        new Metrics("SparkPipeline", "record-failure", line -> {}, Clock.systemUTC()))
                .record(
                        execution,
                        LANDED,
                        new ExecutionInput(
                                "orders", source, Engine.EMR_SERVERLESS, new JobSettings(60, Map.of(), null, null)),
                        null,
                        "JobFailed",
                        "the job failed");
        return source;
    }

    private Map<String, Object> invoke(String event) throws IOException {
        return invoke(event, Clock.systemUTC());
    }

    private Map<String, Object> invoke(String event, Clock clock) throws IOException {
        var replayer = new FailureReplayer(
                new S3ObjectStore(s3),
                "quarantine-bucket",
                Fixtures.perFileCatalog(),
                new StepFunctionsExecutionStarter(sfn, stateMachine, clock),
                List.of(new FailureReplayer.Redrive(deadLetters, new SqsDeadLetterQueue(sqs, deadLetters), intake)),
                clock);
        var out = new ByteArrayOutputStream();
        new ReplayHandler(replayer)
                .handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> files(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("files");
    }

    private static Map<String, Object> single(Map<String, Object> answer) {
        assertThat(files(answer)).hasSize(1);
        return files(answer).get(0);
    }

    private List<String> executions() {
        return sfn.listExecutions(b -> b.stateMachineArn(stateMachine)).executions().stream()
                .map(ExecutionListItem::name)
                .toList();
    }

    private byte[] read(String uri) {
        String key = uri.substring("s3://quarantine-bucket/".length());
        return s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key(key)).asByteArray();
    }

    private int count(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(
                        b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings()
                .get("ApproximateNumberOfMessages"));
    }
}

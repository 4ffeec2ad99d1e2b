package dev.sparkpipeline.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.SqsIntakeQueue;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.dataset.BatchPolicy;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.intake.BatchCloser;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.intake.BatchPlanner;
import dev.sparkpipeline.core.intake.IntakeBatcher;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The batcher on moto_server, with the real S3 and Step Functions clients: queued files become
 * batches with one manifest and one execution each; files still within their wait come back; a
 * retried, stopped or concurrent batcher puts every file in exactly one batch and starts each
 * batch once.
 */
class BatcherHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final Instant NOW = Instant.parse("2026-11-22T10:10:00Z");
    private static final String CURATED = "curated-bucket";

    private S3Client s3;
    private SfnClient sfn;
    private String stateMachine;

    @BeforeEach
    void account() {
        moto.reset();
        s3 = moto.clients().s3();
        sfn = moto.clients().stepFunctions();
        for (String bucket : List.of("landing-bucket", CURATED)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
        stateMachine = sfn.createStateMachine(b -> b.name("pipeline")
                        .roleArn("arn:aws:iam::123456789012:role/pipeline")
                        .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"))
                .stateMachineArn();
    }

    @Test
    void theFixtureEventOfAFileThatWaitedLongEnoughClosesItsBatch() throws IOException {
        String fixture = new String(Fixtures.bytes("sqs-intake.json"), StandardCharsets.UTF_8);

        Map<String, Object> answer = invoke(handler(new S3ObjectStore(s3)), fixture);

        assertThat((List<?>) answer.get("batchItemFailures")).isEmpty();
        assertThat(executions())
                .singleElement()
                .satisfies(name -> assertThat(name).startsWith("orders-batch-"));
    }

    @Test
    void aBatchThatWaitedItsMaxWaitStartsOneExecutionWhoseSourceIsItsManifest() throws IOException {
        List<QueuedFile> files = land(3, NOW.minusSeconds(600));

        Map<String, Object> answer = invoke(handler(new S3ObjectStore(s3)), event(files, false));

        assertThat((List<?>) answer.get("batchItemFailures")).isEmpty();
        String execution = executions().get(0);
        ExecutionInput input = inputOf(execution);
        assertThat(input.batch().id()).isEqualTo(execution);
        assertThat(input.batch().files()).isEqualTo(3);
        assertThat(input.source().uri()).isEqualTo("s3://" + CURATED + "/" + BatchManifest.key("orders", execution));
        assertThat(manifest(execution).files())
                .extracting(SourceObject::key)
                .containsExactlyElementsOf(
                        files.stream().map(file -> file.source().key()).toList());
    }

    @Test
    void filesStillWithinTheirWaitComeBackAndStartNothing() throws IOException {
        List<QueuedFile> files = land(3, NOW);

        Map<String, Object> answer = invoke(handler(new S3ObjectStore(s3)), event(files, false));

        assertThat((List<?>) answer.get("batchItemFailures")).hasSize(3);
        assertThat(executions()).isEmpty();
    }

    @Test
    void heldFilesStayAwayUntilTheirBatchsReturnTimeThenComeBackTogether() throws Exception {
        String queue = moto.clients()
                .sqs()
                .createQueue(b -> b.queueName("intake").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")))
                .queueUrl();
        List<QueuedFile> files = land(2, NOW.plusSeconds(110));
        files.forEach(file -> moto.clients()
                .sqs()
                .sendMessage(b ->
                        b.queueUrl(queue).messageBody(new String(QueuedFileJson.write(file), StandardCharsets.UTF_8))));
        List<Message> received = moto.clients()
                .sqs()
                .receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10))
                .messages();
        assertThat(received).hasSize(2);
        // Two seconds before the orders batch's next return time (NOW + 120 s, a multiple of maxWait).
        Clock beforeReturn = Clock.fixed(NOW.plusSeconds(118), ZoneOffset.UTC);

        Map<String, Object> answer = invoke(
                handler(new S3ObjectStore(s3), new SqsIntakeQueue(moto.clients().sqs(), queue), beforeReturn),
                sqsEvent(received));

        assertThat((List<?>) answer.get("batchItemFailures")).hasSize(2);
        assertThat(receive(queue)).as("held, not back after the queue's 60 s").isEmpty();
        Thread.sleep(2_500);
        assertThat(receive(queue)).as("back together at the return time").hasSize(2);
        assertThat(executions()).isEmpty();
    }

    @Test
    void filesWhoseHoldIsThrottledAreStillAnsweredAsFailuresAndComeBackWithTheQueuesTimeout() throws Exception {
        String queue = moto.clients()
                .sqs()
                .createQueue(b -> b.queueName("intake").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")))
                .queueUrl();
        List<QueuedFile> files = land(2, NOW.plusSeconds(110));
        files.forEach(file -> moto.clients()
                .sqs()
                .sendMessage(b ->
                        b.queueUrl(queue).messageBody(new String(QueuedFileJson.write(file), StandardCharsets.UTF_8))));
        List<Message> received = receive(queue);
        assertThat(received).hasSize(2);
        var throttled =
                new HoldThrottlingQueue(new SqsIntakeQueue(moto.clients().sqs(), queue));

        Map<String, Object> answer = invoke(
                handler(new S3ObjectStore(s3), throttled, Clock.fixed(NOW.plusSeconds(118), ZoneOffset.UTC)),
                sqsEvent(received));

        assertThat(throttled.holds).as("the hold was asked for").isEqualTo(1);
        assertThat((List<?>) answer.get("batchItemFailures"))
                .as("every held message is answered as a failure, so SQS deletes none")
                .extracting("itemIdentifier")
                .containsExactlyInAnyOrderElementsOf(
                        received.stream().map(Message::messageId).toList());
        assertThat(executions()).isEmpty();
        assertThat(manifests()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("landing-bucket")).contents())
                .as("the landed files are untouched")
                .hasSize(2);
        Thread.sleep(1_500);
        assertThat(receive(queue))
                .as("back after the queue's own visibility timeout")
                .hasSize(2);
    }

    /** The real queue, except that every hold is refused as SQS refuses a throttled call. */
    private static final class HoldThrottlingQueue implements IntakeQueue {

        private final IntakeQueue queue;
        private int holds;

        HoldThrottlingQueue(IntakeQueue queue) {
            this.queue = queue;
        }

        @Override
        public void send(QueuedFile file) {
            queue.send(file);
        }

        @Override
        public void hold(List<String> handles, Duration duration) {
            holds++;
            throw SqsException.builder()
                    .message("Rate exceeded")
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ThrottlingException")
                            .errorMessage("Rate exceeded")
                            .build())
                    .build();
        }
    }

    private static List<Message> receive(String queue) {
        return moto.clients()
                .sqs()
                .receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10))
                .messages();
    }

    /** The event Lambda's SQS event source mapping makes of received messages. */
    private static String sqsEvent(List<Message> messages) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message message : messages) {
            records.add(Map.of(
                    "messageId", message.messageId(),
                    "receiptHandle", message.receiptHandle(),
                    "body", message.body(),
                    "attributes", Map.of("ApproximateReceiveCount", "1")));
        }
        return new String(JsonObject.write(Map.of("Records", records)), StandardCharsets.UTF_8);
    }

    @Test
    void closeAllClosesAPartialBatchAtOnce() throws IOException {
        List<QueuedFile> files = land(3, NOW.minusSeconds(10));

        invoke(handler(new S3ObjectStore(s3)), event(files, true));

        assertThat(executions()).hasSize(1);
    }

    @Test
    void aRetriedDeliveryStartsNothingTwice() throws IOException {
        String event = event(land(3, NOW.minusSeconds(600)), false);
        BatcherHandler handler = handler(new S3ObjectStore(s3));

        Map<String, Object> first = invoke(handler, event);
        Map<String, Object> again = invoke(handler, event);

        assertThat(executions()).hasSize(1);
        assertThat(batchIds(again)).as("the same batch, found again").isEqualTo(batchIds(first));
        assertThat(manifests()).hasSize(1);
    }

    @Test
    void anUnreadableMessageComesBackSoItEndsInTheDeadLetterQueue() throws IOException {
        String event = "{\"Records\": [{\"messageId\": \"bad-1\", \"body\": \"not a queued file\"}]}";

        Map<String, Object> answer = invoke(handler(new S3ObjectStore(s3)), event);

        assertThat((List<?>) answer.get("batchItemFailures"))
                .singleElement()
                .satisfies(failure ->
                        assertThat(failure).extracting("itemIdentifier").isEqualTo("bad-1"));
    }

    @Test
    void aStormOfDuplicateDeliveriesToEightBatchersPutsEveryFileInExactlyOneBatch() throws Exception {
        List<QueuedFile> files = land(120, NOW.minusSeconds(600));
        Random random = new Random(7);
        List<String> deliveries = new ArrayList<>();
        // Every file three times, in overlapping deliveries of 10 to 40 messages, as SQS may redeliver.
        List<QueuedFile> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            copies.addAll(files);
        }
        Collections.shuffle(copies, random);
        for (int from = 0; from < copies.size(); ) {
            int to = Math.min(copies.size(), from + 10 + random.nextInt(31));
            deliveries.add(event(copies.subList(from, to), true));
            from = to;
        }
        ExecutorService batchers = Executors.newFixedThreadPool(8);
        List<Future<?>> invocations = new ArrayList<>();
        for (String delivery : deliveries) {
            invocations.add(batchers.submit(() -> invoke(handler(new S3ObjectStore(s3)), delivery)));
        }
        for (Future<?> invocation : invocations) {
            invocation.get();
        }
        batchers.shutdown();

        List<String> executions = executions();
        assertThat(executions).doesNotHaveDuplicates();
        Map<String, String> batchOfFile = new HashMap<>();
        for (String execution : executions) {
            for (SourceObject member : manifest(execution).files()) {
                assertThat(batchOfFile.put(member.key(), execution))
                        .as("%s is in one batch only", member.key())
                        .isNull();
            }
        }
        assertThat(batchOfFile.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        files.stream().map(file -> file.source().key()).toList());
        assertThat(manifests()).as("every manifest has its execution").hasSize(executions.size());
    }

    @Test
    void aBatchWhoseBatcherStoppedBeforeItsManifestIsFinishedByTheNextBatcher() throws IOException {
        List<QueuedFile> files = land(4, NOW.minusSeconds(600));
        var failing = new ManifestRefusingStore(new S3ObjectStore(s3));
        Map<String, Object> first = invoke(handler(failing), event(files.subList(0, 3), false));
        assertThat((List<?>) first.get("batchItemFailures"))
                .as("the stopped batch comes back")
                .hasSize(3);
        assertThat(executions()).isEmpty();

        // Redelivered differently: one file of the stopped batch with a new one.
        invoke(handler(new S3ObjectStore(s3)), event(List.of(files.get(0), files.get(3)), false));

        List<String> executions = executions();
        assertThat(executions).hasSize(2);
        Set<String> batched = new HashSet<>();
        for (String execution : executions) {
            manifest(execution)
                    .files()
                    .forEach(member -> assertThat(batched.add(member.key())).isTrue());
        }
        assertThat(batched).hasSize(3 + 1);
    }

    /** A store whose batch manifests cannot be written: a batcher that stops after its claims. */
    private record ManifestRefusingStore(ObjectStore store) implements ObjectStore {

        @Override
        public Optional<StoredObject> head(String bucket, String key, String versionId) {
            return store.head(bucket, key, versionId);
        }

        @Override
        public Optional<byte[]> readRange(String bucket, String key, String versionId, long offset, int length) {
            return store.readRange(bucket, key, versionId, offset, length);
        }

        @Override
        public StoredObject copy(
                String sourceBucket, String sourceKey, String sourceVersionId, String targetBucket, String targetKey) {
            return store.copy(sourceBucket, sourceKey, sourceVersionId, targetBucket, targetKey);
        }

        @Override
        public StoredObject put(String bucket, String key, String contentType, byte[] content) {
            return store.put(bucket, key, contentType, content);
        }

        @Override
        public List<String> list(String bucket, String prefix) {
            return store.list(bucket, prefix);
        }

        @Override
        public Optional<StoredObject> create(String bucket, String key, String contentType, byte[] content) {
            if (key.startsWith(BatchManifest.PREFIX) && !key.contains("/_plans/") && !key.contains("/_claims/")) {
                throw new IllegalStateException("stopped before the manifest");
            }
            return store.create(bucket, key, contentType, content);
        }

        @Override
        public void delete(String bucket, String key, String versionId) {
            store.delete(bucket, key, versionId);
        }
    }

    private BatcherHandler handler(ObjectStore store) {
        return handler(store, new SqsIntakeQueue(moto.clients().sqs(), "unused"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private BatcherHandler handler(ObjectStore store, IntakeQueue queue, Clock clock) {
        DatasetCatalog datasets = new DatasetCatalog(DatasetCatalog.bundled().all().stream()
                .map(dataset ->
                        dataset.batch() == null ? dataset : dataset.withBatch(new BatchPolicy(500, 1L << 30, 120)))
                .toList());
        return new BatcherHandler(new IntakeBatcher(
                new BatchPlanner(datasets),
                new BatchCloser(
                        store,
                        CURATED,
                        datasets,
                        new StepFunctionsExecutionStarter(sfn, stateMachine, Clock.systemUTC())),
                queue,
                clock,
                new EventLog("batcher", line -> {}, Clock.systemUTC()),
                new Metrics("SparkPipeline", "batcher", line -> {}, Clock.systemUTC())));
    }

    /** Lands {@code count} small orders files, queued at {@code queuedAt}. */
    private List<QueuedFile> land(int count, Instant queuedAt) {
        byte[] orders = Fixtures.bytes("data/orders.csv");
        List<QueuedFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "orders/2026/11/22/batch-" + i + ".csv";
            var put = s3.putObject(b -> b.bucket("landing-bucket").key(key), RequestBody.fromBytes(orders));
            var source = new SourceObject(
                    "landing-bucket",
                    key,
                    put.versionId(),
                    put.eTag().replace("\"", ""),
                    orders.length,
                    queuedAt.plusMillis(i));
            files.add(new QueuedFile("orders", Engine.EMR_SERVERLESS, source, queuedAt));
        }
        return files;
    }

    private static String event(List<QueuedFile> files, boolean closeAll) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            records.add(Map.of(
                    "messageId",
                    "m-" + i + "-" + files.get(i).source().key(),
                    "body",
                    new String(QueuedFileJson.write(files.get(i)), StandardCharsets.UTF_8),
                    "attributes",
                    Map.of("ApproximateReceiveCount", "1")));
        }
        return new String(JsonObject.write(Map.of("Records", records, "closeAll", closeAll)), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> invoke(BatcherHandler handler, String event) {
        try {
            var out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.std.mapFrom(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> batchIds(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("batches"))
                .stream().map(batch -> (String) batch.get("id")).toList();
    }

    private List<String> executions() {
        return sfn.listExecutions(b -> b.stateMachineArn(stateMachine).maxResults(1000)).executions().stream()
                .map(ExecutionListItem::name)
                .toList();
    }

    private ExecutionInput inputOf(String execution) {
        String arn = stateMachine.replace(":stateMachine:", ":execution:") + ":" + execution;
        return ExecutionInputJson.read(
                sfn.describeExecution(b -> b.executionArn(arn)).input().getBytes(StandardCharsets.UTF_8));
    }

    private BatchManifest manifest(String batch) {
        return BatchManifestJson.read(
                s3.getObjectAsBytes(b -> b.bucket(CURATED).key(BatchManifest.key("orders", batch)))
                        .asByteArray());
    }

    private List<String> manifests() {
        return s3
                .listObjectsV2Paginator(b -> b.bucket(CURATED).prefix(BatchManifest.PREFIX + "orders/"))
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(key -> !key.contains("/_plans/") && !key.contains("/_claims/"))
                .toList();
    }
}

package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamFunction;
import dev.sparkpipeline.local.template.SamTemplate;
import dev.sparkpipeline.local.template.SqsEventSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What the Lambda event source mappings of the template's {@code SQS} events do: receive up to
 * {@code BatchSize} messages of a queue, invoke the function subscribed to it with an SQS event of
 * them, and delete the ones its answer does not list in {@code batchItemFailures} (the batcher
 * reports the messages it keeps, as {@code ReportBatchItemFailures} has it); a failed invocation
 * leaves them all queued, to be delivered again. At the end of a drop the event also carries
 * {@code "closeAll": true}, which the batcher reads as "close partial batches too": nothing more is
 * coming, so no file waits out its batch's {@code maxWaitSeconds}.
 */
public final class QueueDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One subscription: a function, the queue it reads and its batch size. */
    private record Subscription(String function, String queueUrl, int batchSize) {}

    /**
     * What deliveries did.
     *
     * @param delivered messages delivered
     * @param settled   messages deleted: their delivery succeeded
     * @param batches   the batches the answers report closed (a batch's id is its execution's name)
     * @param failures  the invocations that failed, as {@code <function>: <error>: <cause>}
     */
    public record Round(int delivered, int settled, List<String> batches, List<String> failures) {}

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final PipelineQueues queues;
    private final LocalFunctions functions;

    public QueueDelivery(
            SamTemplate template, LocalResources resources, PipelineQueues queues, LocalFunctions functions) {
        this.queues = queues;
        this.functions = functions;
        for (SamFunction function : template.functions().values()) {
            for (SqsEventSource source : function.sqsEvents()) {
                subscriptions.add(new Subscription(
                        function.logicalId(),
                        resources.ref(source.queue()),
                        Integer.parseInt(resources.resolve(source.batchSize()))));
            }
        }
    }

    /**
     * One delivery to every subscribed function of what its queue holds, up to its batch size;
     * {@code closeAll} closes partial batches too.
     */
    public Round deliverOnce(boolean closeAll) {
        int delivered = 0;
        int settled = 0;
        List<String> batches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            List<QueueMessage> messages = queues.receive(subscription.queueUrl(), subscription.batchSize());
            if (messages.isEmpty()) {
                continue;
            }
            delivered += messages.size();
            JsonNode answer;
            try {
                answer = answer(functions.invoke(subscription.function(), event(subscription, messages, closeAll)));
            } catch (StatesError failed) {
                failures.add(subscription.function() + ": " + failed.error() + ": " + failed.cause());
                messages.forEach(message -> queues.release(subscription.queueUrl(), message));
                continue;
            }
            Set<String> kept = new HashSet<>();
            answer.path("batchItemFailures")
                    .forEach(failure -> kept.add(failure.path("itemIdentifier").asText()));
            answer.path("batches").forEach(batch -> batches.add(batch.path("id").asText()));
            for (QueueMessage message : messages) {
                if (kept.contains(message.id())) {
                    queues.release(subscription.queueUrl(), message);
                } else {
                    queues.delete(subscription.queueUrl(), message);
                    settled++;
                }
            }
        }
        return new Round(delivered, settled, batches, failures);
    }

    /**
     * Delivers with {@code closeAll} until the queues are empty, or a round settles nothing (a
     * function keeps failing, or keeps every message): what stays queued is delivered by the next
     * run, as SQS would deliver it again.
     *
     * @return every round's batches, and the last round's failures (none when the queues are empty)
     */
    public Round drain() {
        List<String> batches = new ArrayList<>();
        int delivered = 0;
        int settled = 0;
        Round round;
        do {
            round = deliverOnce(true);
            batches.addAll(round.batches());
            delivered += round.delivered();
            settled += round.settled();
        } while (round.delivered() > 0 && round.settled() > 0);
        return new Round(delivered, settled, batches, round.failures());
    }

    /** The SQS event Lambda's event source mapping sends: one record per message. */
    private byte[] event(Subscription subscription, List<QueueMessage> messages, boolean closeAll) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        String arn = queues.arn(subscription.queueUrl());
        for (QueueMessage message : messages) {
            ObjectNode record = records.addObject()
                    .put("messageId", message.id())
                    .put("receiptHandle", message.receiptHandle())
                    .put("body", message.body());
            String sent = Long.toString(message.sentAt().toEpochMilli());
            record.putObject("attributes")
                    .put("ApproximateReceiveCount", Integer.toString(message.receiveCount()))
                    .put("SentTimestamp", sent)
                    .put("SenderId", "000000000000")
                    .put("ApproximateFirstReceiveTimestamp", sent);
            record.putObject("messageAttributes");
            record.put("md5OfBody", md5(message.body()))
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", arn)
                    .put("awsRegion", arn.split(":", -1)[3]);
        }
        if (closeAll) {
            event.put("closeAll", true);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The function's answer: an {@code SQSBatchResponse}, whose {@code batchItemFailures} are the
     * messages to deliver again (the batcher adds the {@code batches} it closed). An answer that is
     * no such response reports no failures: Lambda deletes the whole delivery.
     */
    private static JsonNode answer(byte[] answer) {
        try {
            JsonNode response = JSON.readTree(answer);
            return response != null ? response : JSON.createObjectNode();
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String md5(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}

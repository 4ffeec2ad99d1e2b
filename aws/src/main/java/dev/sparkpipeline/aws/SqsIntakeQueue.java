package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.core.observability.EventLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * {@link IntakeQueue} on an SQS standard queue: one message per accepted file, its body the
 * {@code QueuedFileJson} document. SQS may deliver a message twice; the batcher's claims put a
 * file in at most one batch, so no deduplication is needed here. A refused send propagates: the
 * validate invocation fails and Lambda delivers its event again. The batcher holds a filling
 * batch's messages by changing their visibility timeout.
 */
public record SqsIntakeQueue(SqsClient sqs, String queueUrl) implements IntakeQueue {

    /** SQS's most entries in one ChangeMessageVisibilityBatch. */
    private static final int MOST_PER_BATCH = 10;

    /** SQS's longest visibility timeout: 12 hours. */
    private static final long LONGEST_SECONDS = 43_200;

    private static final EventLog LOG = EventLog.stdout("sqs-intake-queue");

    @Override
    public void send(QueuedFile file) {
        sqs.sendMessage(
                b -> b.queueUrl(queueUrl).messageBody(new String(QueuedFileJson.write(file), StandardCharsets.UTF_8)));
    }

    /**
     * Changes the messages' visibility timeout, ten per request. An entry SQS refuses (its receipt
     * handle expired) is left alone: that message comes back after the queue's visibility timeout.
     * The refused entries of each request are logged as one warning.
     */
    @Override
    public void hold(List<String> handles, Duration duration) {
        // Whole seconds, rounded up: a message never comes back before its batch's return time.
        int seconds = (int) Math.min(LONGEST_SECONDS, Math.max(0, (duration.toMillis() + 999) / 1000));
        for (int from = 0; from < handles.size(); from += MOST_PER_BATCH) {
            List<String> part = handles.subList(from, Math.min(handles.size(), from + MOST_PER_BATCH));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("m" + i)
                        .receiptHandle(part.get(i))
                        .visibilityTimeout(seconds)
                        .build());
            }
            ChangeMessageVisibilityBatchResponse response =
                    sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("refused", response.failed().size());
                fields.put("of", entries.size());
                fields.put(
                        "entries",
                        response.failed().stream().map(SqsIntakeQueue::describe).collect(Collectors.joining(", ")));
                LOG.warn("hold refused for some messages; they come back with the queue's visibility timeout", fields);
            }
        }
    }

    /** A refused entry as {@code id=code} (with SQS's message, if any). */
    private static String describe(BatchResultErrorEntry failed) {
        return failed.id() + "=" + failed.code() + (failed.message() == null ? "" : " (" + failed.message() + ")");
    }
}

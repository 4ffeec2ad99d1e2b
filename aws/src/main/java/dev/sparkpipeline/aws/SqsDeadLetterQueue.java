package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.intake.DeadLetterQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@link DeadLetterQueue} on SQS, by receive, send and delete: SQS's own redrive
 * ({@code StartMessageMoveTask}) runs asynchronously and is not in moto 5.2.1, which the contract
 * tests run against. A message is deleted here only once its queue accepted it: a crash between
 * leaves it in both queues, never in neither.
 */
public record SqsDeadLetterQueue(SqsClient sqs, String queueUrl) implements DeadLetterQueue {

    /** SQS's most messages per receive and per batch request. */
    private static final int MOST_PER_CALL = 10;

    /** How long a received message stays hidden here while it is sent on: well past one batch's round trips. */
    private static final int VISIBILITY_SECONDS = 60;

    /** At most this many messages per call: the function's timeout bounds one replay (the rest waits for the next). */
    private static final int MOST_PER_REDRIVE = 10_000;

    @Override
    public int redriveTo(String target) {
        int moved = 0;
        while (moved < MOST_PER_REDRIVE) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(MOST_PER_CALL)
                            .visibilityTimeout(VISIBILITY_SECONDS)
                            .messageAttributeNames("All")
                            .waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return moved;
            }
            List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
            for (Message message : messages) {
                sends.add(SendMessageBatchRequestEntry.builder()
                        .id(message.messageId())
                        .messageBody(message.body())
                        .messageAttributes(message.messageAttributes())
                        .build());
            }
            Set<String> sent = sqs.sendMessageBatch(b -> b.queueUrl(target).entries(sends)).successful().stream()
                    .map(entry -> entry.id())
                    .collect(Collectors.toSet());
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message message : messages) {
                if (sent.contains(message.messageId())) {
                    deletes.add(DeleteMessageBatchRequestEntry.builder()
                            .id(message.messageId())
                            .receiptHandle(message.receiptHandle())
                            .build());
                }
            }
            if (deletes.isEmpty()) {
                // The queue refused them all: they come back here after their visibility timeout.
                return moved;
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes));
            moved += deletes.size();
        }
        return moved;
    }
}

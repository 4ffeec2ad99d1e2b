package dev.sparkpipeline.local.endpoint;

import dev.sparkpipeline.local.runner.PipelineQueues;
import dev.sparkpipeline.local.runner.QueueMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The endpoint's SQS queues, as the runner reaches them to deliver their messages. */
record EndpointQueues(SqsClient sqs) implements PipelineQueues {

    /** SQS's most messages one ReceiveMessage answers. */
    private static final int MOST_PER_RECEIVE = 10;

    @Override
    public List<QueueMessage> receive(String queueUrl, int max) {
        List<QueueMessage> messages = new ArrayList<>();
        while (messages.size() < max) {
            int wanted = Math.min(MOST_PER_RECEIVE, max - messages.size());
            var received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(wanted)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            if (received.isEmpty()) {
                break;
            }
            received.forEach(message -> messages.add(new QueueMessage(
                    message.messageId(),
                    message.receiptHandle(),
                    message.body(),
                    Instant.ofEpochMilli(Long.parseLong(
                            message.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))),
                    Integer.parseInt(message.attributes()
                            .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")))));
        }
        return messages;
    }

    @Override
    public void delete(String queueUrl, QueueMessage message) {
        sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    /** Visible again at once: the runner, not a visibility timeout, decides when to deliver it again. */
    @Override
    public void release(String queueUrl, QueueMessage message) {
        sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout(0));
    }

    @Override
    public String arn(String queueUrl) {
        return sqs.getQueueAttributes(
                        request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}

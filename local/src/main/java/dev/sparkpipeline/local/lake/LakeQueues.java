package dev.sparkpipeline.local.lake;

import dev.sparkpipeline.local.runner.PipelineQueues;
import dev.sparkpipeline.local.runner.QueueMessage;
import java.time.Clock;
import java.util.List;

/** The local lake's queue folders as the pipeline's queues. */
public record LakeQueues(LocalLake lake, Clock clock) implements PipelineQueues {

    @Override
    public List<QueueMessage> receive(String queueUrl, int max) {
        return LakeIntakeQueue.of(lake, queueUrl, clock).receive(max);
    }

    @Override
    public void delete(String queueUrl, QueueMessage message) {
        LakeIntakeQueue.of(lake, queueUrl, clock).delete(message.receiptHandle());
    }

    /** A received message stays visible in the folder until deleted: nothing to release. */
    @Override
    public void release(String queueUrl, QueueMessage message) {}

    @Override
    public String arn(String queueUrl) {
        return "arn:aws:sqs:local:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}

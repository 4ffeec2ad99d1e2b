package dev.sparkpipeline.local.runner;

import java.util.List;

/**
 * The pipeline's queues as the runner itself reaches them, to do what a Lambda event source
 * mapping does in the cloud: receive messages and delete the ones a function's delivery settled.
 * Folders of the local lake offline, the endpoint's SQS in the endpoint mode. The functions send
 * through their own adapters, never through this.
 */
public interface PipelineQueues {

    /** Up to {@code max} messages of the queue at {@code queueUrl}, oldest first. */
    List<QueueMessage> receive(String queueUrl, int max);

    /** Deletes a received message. */
    void delete(String queueUrl, QueueMessage message);

    /** Makes a received message that was not settled receivable again (a no-op where receiving hides nothing). */
    void release(String queueUrl, QueueMessage message);

    /** The queue's ARN, as an SQS record names its source. */
    String arn(String queueUrl);
}

package dev.sparkpipeline.core.intake;

/**
 * Where accepted files of batched datasets wait for the batcher: an SQS queue in the cloud, a
 * folder of the lake offline. Delivery to the batcher is the queue's own business (an event
 * source mapping, or the local runner's delivery).
 */
public interface IntakeQueue {

    /** Queues one file; a file queued twice is put in at most one batch by the batcher's claims. */
    void send(QueuedFile file);
}

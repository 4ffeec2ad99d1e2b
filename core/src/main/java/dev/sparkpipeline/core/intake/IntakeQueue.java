package dev.sparkpipeline.core.intake;

import java.time.Duration;
import java.util.List;

/**
 * Where accepted files of batched datasets wait for the batcher: an SQS queue in the cloud, a
 * folder of the lake offline. Delivery to the batcher is the queue's own business (an event
 * source mapping, or the local runner's delivery).
 */
public interface IntakeQueue {

    /** Queues one file; a file queued twice is put in at most one batch by the batcher's claims. */
    void send(QueuedFile file);

    /**
     * Keeps delivered messages away for {@code duration}, then delivers them again (SQS: their
     * visibility timeout, changed): the batcher holds a filling batch's files until the batch's next
     * return time. A message whose hold is refused comes back after the queue's own visibility
     * timeout, which loses nothing.
     *
     * @param handles  the messages' handles (SQS receipt handles)
     * @param duration how long they stay away
     */
    void hold(List<String> handles, Duration duration);
}

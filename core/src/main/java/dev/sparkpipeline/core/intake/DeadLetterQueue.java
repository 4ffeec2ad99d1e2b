package dev.sparkpipeline.core.intake;

/**
 * A dead-letter queue: where a queue's messages go once delivered too often without success (the
 * intake queue's files the batcher could not close). An SQS queue in the cloud, a folder of the
 * lake offline.
 */
public interface DeadLetterQueue {

    /**
     * Moves the messages waiting here back to the queue at {@code queueUrl}, each sent there before
     * it is deleted here (a crash in between delivers it twice, which the batcher's claims absorb;
     * it never loses one).
     *
     * @return how many messages were moved
     */
    int redriveTo(String queueUrl);
}

package dev.sparkpipeline.local.template;

/**
 * One {@code SQS} event of a function: the Lambda event source mapping that delivers a queue's
 * messages to it.
 *
 * @param queue     the queue's logical id
 * @param batchSize the most messages one delivery carries ({@code BatchSize}, a number or a reference
 *                  to a parameter; SAM's default is 10)
 */
public record SqsEventSource(String queue, Object batchSize) {

    /** SAM's {@code BatchSize} when the event sets none. */
    public static final int DEFAULT_BATCH_SIZE = 10;
}

package dev.sparkpipeline.local.runner;

import java.time.Instant;

/**
 * One message of a queue, as a delivery to a function carries it (an SQS record's fields).
 *
 * @param id            the message's id: what a function answers back to have it delivered again
 * @param receiptHandle what deletes the message once its delivery succeeded
 * @param body          the message's body
 * @param sentAt        when it was sent
 * @param receiveCount  how many times it has been received, this time included
 */
public record QueueMessage(String id, String receiptHandle, String body, Instant sentAt, int receiveCount) {}

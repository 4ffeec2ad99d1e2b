package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.QueuedFileJson;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link IntakeQueue} on an SQS standard queue: one message per accepted file, its body the
 * {@code QueuedFileJson} document. SQS may deliver a message twice; the batcher's claims put a
 * file in at most one batch, so no deduplication is needed here. A refused send propagates: the
 * validate invocation fails and Lambda delivers its event again.
 */
public record SqsIntakeQueue(SqsClient sqs, String queueUrl) implements IntakeQueue {

    @Override
    public void send(QueuedFile file) {
        sqs.sendMessage(
                b -> b.queueUrl(queueUrl).messageBody(new String(QueuedFileJson.write(file), StandardCharsets.UTF_8)));
    }
}

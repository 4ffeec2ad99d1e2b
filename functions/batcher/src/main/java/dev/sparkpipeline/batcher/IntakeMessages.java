package dev.sparkpipeline.batcher;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.BatchPlanner;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.json.QueuedFileJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The batcher's event: an SQS event ({@code {"Records": [{"messageId", "receiptHandle", "body",
 * "attributes": {"ApproximateReceiveCount"}}]}}) of queued files, optionally with {@code "closeAll": true}
 * (close partial batches too: the end of a local drop, or an operator's invoke).
 *
 * @param delivered   the readable messages
 * @param unreadable  ids of messages whose body is not a queued file: answered as failures, so they
 *                    end in the dead-letter queue where someone looks, never dropped
 * @param closeAll    whether partial batches close now
 */
record IntakeMessages(List<BatchPlanner.Delivered> delivered, List<String> unreadable, boolean closeAll) {

    /**
     * A message received this many times is closed into a batch whatever its batch's age: the
     * queue's redrive sends it to the dead-letter queue after 30 receives, and waiting is no failure.
     */
    static final int CLOSE_AFTER_RECEIVES = 20;

    static IntakeMessages parse(byte[] event) {
        JsonObject root = JsonObject.parse(event);
        List<BatchPlanner.Delivered> delivered = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        boolean closeAll = root.bool("closeAll", false);
        for (JsonObject record : root.objectList("Records")) {
            String id = record.string("messageId");
            try {
                String body = record.string("body");
                delivered.add(new BatchPlanner.Delivered(
                        id,
                        record.optionalString("receiptHandle"),
                        QueuedFileJson.read(body.getBytes(StandardCharsets.UTF_8))));
            } catch (InvalidInput malformed) {
                unreadable.add(id);
                continue;
            }
            JsonObject attributes = record.optionalObject("attributes");
            String receives = attributes == null ? null : attributes.optionalString("ApproximateReceiveCount");
            if (receives != null
                    && receives.matches("\\d{1,9}")
                    && Integer.parseInt(receives) >= CLOSE_AFTER_RECEIVES) {
                closeAll = true;
            }
        }
        return new IntakeMessages(delivered, unreadable, closeAll);
    }
}

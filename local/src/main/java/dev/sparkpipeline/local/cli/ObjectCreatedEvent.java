package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Instant;
import java.util.UUID;

/** The "Object Created" event S3 sends to EventBridge for a landed object: what the template's rules route. */
final class ObjectCreatedEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ObjectCreatedEvent() {}

    /** The event for {@code object}, landed in {@code bucket} at {@code time} (whole seconds, as EventBridge dates events). */
    static JsonNode of(String bucket, StoredObject object, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Object Created")
                .put("source", "aws.s3")
                .put("account", "000000000000")
                .put("time", time.toString())
                .put("region", "local");
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object")
                .put("key", object.key())
                .put("size", object.size())
                .put("etag", object.etag())
                .put("sequencer", Long.toHexString(System.nanoTime()));
        detail.put("request-id", "local").put("requester", "000000000000").put("reason", "PutObject");
        return event;
    }
}

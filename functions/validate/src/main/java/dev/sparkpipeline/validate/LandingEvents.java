package dev.sparkpipeline.validate;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.landing.LandedObject;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the two shapes a landing event comes in (S3 event notifications and EventBridge
 * "Object Created" events) and decodes keys exactly once. S3's test event carries no object and
 * yields none. The fields are the ones the Lambda runtime's own event classes bind (a test holds
 * both readings equal on every fixture); reading them with the small JSON reader the function
 * already has keeps the runtime's 4 MB deserializer and Joda-Time out of the artifact.
 */
final class LandingEvents {

    private LandingEvents() {
    }

    static List<LandedObject> parse(byte[] json) {
        JsonObject event = JsonObject.parse(json);
        if ("s3:TestEvent".equals(event.fields().get("Event"))) {
            return List.of();
        }
        if (event.fields().get("Records") instanceof List<?> records) {
            return fromS3Notification(records);
        }
        if ("aws.s3".equals(event.fields().get("source")) && "Object Created".equals(event.fields().get("detail-type"))) {
            return List.of(fromEventBridge(event));
        }
        throw new InvalidInput("the event is neither an S3 event notification (Records) nor an EventBridge "
                + "Object Created event from aws.s3 (source, detail-type)");
    }

    private static List<LandedObject> fromS3Notification(List<?> records) {
        List<LandedObject> objects = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String field = "Records[" + i + "]";
            if (!(records.get(i) instanceof Map<?, ?> fields)) {
                throw new InvalidInput(field + " must be an object");
            }
            JsonObject record = new JsonObject(field, cast(fields));
            String eventName = record.optionalString("eventName");
            if (eventName == null || !eventName.startsWith("ObjectCreated:")) {
                continue;
            }
            JsonObject s3 = record.object("s3");
            JsonObject object = s3.object("object");
            String bucket = required(s3.object("bucket").optionalString("name"), field + ".s3.bucket.name");
            String key = decode(required(object.optionalString("key"), field + ".s3.object.key"), field + ".s3.object.key");
            String sequencer = object.optionalString("sequencer");
            objects.add(new LandedObject(bucket, List.of(key), blankToNull(object.optionalString("versionId")),
                    blankToNull(object.optionalString("eTag")), object.number("size", -1),
                    sequencer == null ? field : sequencer, time(record.optionalString("eventTime"), field + ".eventTime")));
        }
        return objects;
    }

    /**
     * EventBridge's S3 events are documented less precisely than S3 notifications on key
     * encoding: the form-decoded key is tried first and the key as sent second, so neither
     * reading can lose a file.
     */
    private static LandedObject fromEventBridge(JsonObject event) {
        JsonObject detail = event.object("detail");
        String bucket = required(detail.object("bucket").optionalString("name"), "detail.bucket.name");
        JsonObject object = detail.object("object");
        String rawKey = required(object.optionalString("key"), "detail.object.key");
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        try {
            candidates.add(URLDecoder.decode(rawKey, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // A '%' not followed by two hex digits: the key was sent as is.
        }
        candidates.add(rawKey);
        String id = event.optionalString("id");
        return new LandedObject(bucket, new ArrayList<>(candidates), blankToNull(object.optionalString("version-id")),
                blankToNull(object.optionalString("etag")), object.number("size", -1),
                id == null ? object.optionalString("sequencer") : id, time(event.optionalString("time"), "time"));
    }

    private static String decode(String key, String field) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field + " is not form-URL-encoded as S3 event notifications are: " + e.getMessage());
        }
    }

    private static Instant time(String text, String field) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field + " must be an ISO-8601 time such as 2026-11-22T08:15:30.000Z");
        }
    }

    /** An unversioned bucket's notification carries no versionId, or an empty one. */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput(field + " is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> fields) {
        return (Map<String, Object>) fields;
    }
}

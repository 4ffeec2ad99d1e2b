package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.landing.LandedObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the two shapes a landing event comes in (S3 event notifications and EventBridge
 * "Object Created" events) with the Lambda runtime's own deserializer, and decodes keys
 * exactly once. S3's test event carries no object and yields none.
 */
final class LandingEvents {

    private static final PojoSerializer<S3Event> S3_EVENTS =
            LambdaEventSerializers.serializerFor(S3Event.class, LandingEvents.class.getClassLoader());
    private static final PojoSerializer<ScheduledEvent> EVENTBRIDGE_EVENTS =
            LambdaEventSerializers.serializerFor(ScheduledEvent.class, LandingEvents.class.getClassLoader());

    private LandingEvents() {
    }

    static List<LandedObject> parse(byte[] json) {
        Map<String, Object> shape;
        try {
            shape = JSON.std.mapFrom(json);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("the event is not a JSON object");
        }
        if (shape == null) {
            throw new InvalidInput("the event is not a JSON object");
        }
        if ("s3:TestEvent".equals(shape.get("Event"))) {
            return List.of();
        }
        if (shape.get("Records") instanceof List) {
            return fromS3Notification(S3_EVENTS.fromJson(new ByteArrayInputStream(json)));
        }
        if ("aws.s3".equals(shape.get("source")) && "Object Created".equals(shape.get("detail-type"))) {
            return List.of(fromEventBridge(EVENTBRIDGE_EVENTS.fromJson(new ByteArrayInputStream(json))));
        }
        throw new InvalidInput("the event is neither an S3 event notification (Records) nor an EventBridge "
                + "Object Created event from aws.s3 (source, detail-type)");
    }

    private static List<LandedObject> fromS3Notification(S3Event event) {
        List<LandedObject> objects = new ArrayList<>();
        List<S3EventNotificationRecord> records = event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            S3EventNotificationRecord record = records.get(i);
            String field = "Records[" + i + "]";
            if (record == null || record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                continue;
            }
            if (record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getObject() == null) {
                throw new InvalidInput(field + ".s3 must name a bucket and an object");
            }
            var object = record.getS3().getObject();
            String bucket = required(record.getS3().getBucket().getName(), field + ".s3.bucket.name");
            String key = decode(required(object.getKey(), field + ".s3.object.key"), field + ".s3.object.key");
            Instant time = record.getEventTime() == null ? Instant.EPOCH : Instant.ofEpochMilli(record.getEventTime().getMillis());
            objects.add(new LandedObject(bucket, List.of(key), blankToNull(object.getVersionId()), blankToNull(object.geteTag()),
                    object.getSizeAsLong() == null ? -1 : object.getSizeAsLong(),
                    object.getSequencer() == null ? field : object.getSequencer(), time));
        }
        return objects;
    }

    /**
     * EventBridge's S3 events are documented less precisely than S3 notifications on key
     * encoding: the form-decoded key is tried first and the key as sent second, so neither
     * reading can lose a file.
     */
    private static LandedObject fromEventBridge(ScheduledEvent event) {
        Map<String, Object> detail = event.getDetail();
        if (detail == null) {
            throw new InvalidInput("detail is required");
        }
        String bucket = required(text(nested(detail, "bucket"), "name"), "detail.bucket.name");
        Map<String, Object> object = nested(detail, "object");
        String rawKey = required(text(object, "key"), "detail.object.key");
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        try {
            candidates.add(URLDecoder.decode(rawKey, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // A '%' not followed by two hex digits: the key was sent as is.
        }
        candidates.add(rawKey);
        Object size = object.get("size");
        if (size != null && !(size instanceof Number)) {
            throw new InvalidInput("detail.object.size must be a number");
        }
        Instant time = event.getTime() == null ? Instant.EPOCH : Instant.ofEpochMilli(event.getTime().getMillis());
        return new LandedObject(bucket, new ArrayList<>(candidates), blankToNull(text(object, "version-id")), blankToNull(text(object, "etag")),
                size == null ? -1 : ((Number) size).longValue(),
                event.getId() == null ? text(object, "sequencer") : event.getId(), time);
    }

    private static String decode(String key, String field) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field + " is not form-URL-encoded as S3 event notifications are: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> parent, String field) {
        Object value = parent.get(field);
        if (!(value instanceof Map)) {
            throw new InvalidInput("detail." + field + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> fields, String field) {
        Object value = fields.get(field);
        return value == null ? null : String.valueOf(value);
    }

    /** The runtime's deserializer reads an absent versionId (an unversioned bucket) as "". */
    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput(field + " is required");
        }
        return value;
    }
}

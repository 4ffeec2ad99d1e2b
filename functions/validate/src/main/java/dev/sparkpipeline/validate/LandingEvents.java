package dev.sparkpipeline.validate;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.landing.LandedObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    private LandingEvents() {}

    static List<LandedObject> parse(byte[] json) {
        JsonObject event = JsonObject.parse(json);
        if ("s3:TestEvent".equals(event.fields().get("Event"))) {
            return List.of();
        }
        if (event.fields().get("Records") instanceof List<?> records) {
            return fromS3Notification(records);
        }
        if ("aws.s3".equals(event.fields().get("source"))
                && "Object Created".equals(event.fields().get("detail-type"))) {
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
            String key =
                    decode(required(object.optionalString("key"), field + ".s3.object.key"), field + ".s3.object.key");
            String sequencer = object.optionalString("sequencer");
            objects.add(new LandedObject(
                    bucket,
                    List.of(key),
                    blankToNull(object.optionalString("versionId")),
                    blankToNull(object.optionalString("eTag")),
                    size(object.fields().get("size")),
                    sequencer == null ? field : sequencer,
                    time(record.optionalString("eventTime"), field + ".eventTime")));
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
            candidates.add(formDecode(rawKey));
        } catch (IllegalArgumentException | CharacterCodingException notEncoded) {
            // Not a form-encoded UTF-8 key: it was sent as is.
        }
        candidates.add(rawKey);
        String id = event.optionalString("id");
        return new LandedObject(
                bucket,
                new ArrayList<>(candidates),
                blankToNull(object.optionalString("version-id")),
                blankToNull(object.optionalString("etag")),
                size(object.fields().get("size")),
                id == null ? object.optionalString("sequencer") : id,
                time(event.optionalString("time"), "time"));
    }

    private static String decode(String key, String field) {
        try {
            return formDecode(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field + " is not form-URL-encoded as S3 event notifications are: " + e.getMessage());
        } catch (CharacterCodingException e) {
            throw new InvalidInput(field + " decodes to bytes that are not UTF-8, which no S3 key is");
        }
    }

    /**
     * Form-URL decoding that refuses what {@code URLDecoder} would silently replace: escapes whose
     * bytes are not UTF-8 would otherwise turn into U+FFFD and name an object that does not exist.
     */
    private static String formDecode(String encoded) throws CharacterCodingException {
        var bytes = new java.io.ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()
                        || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("'%' at " + i + " is not followed by two hex digits");
                }
                bytes.write(
                        Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
                bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
    }

    /** The size the event announces; the HEAD that follows is what counts, so a garbled one is unknown (-1). */
    private static long size(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && text.matches("\\d{1,18}")) {
            return Long.parseLong(text);
        }
        return -1;
    }

    private static Instant time(String text, String field) {
        if (text == null) {
            return null;
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

package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.landing.LandedObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Landing event parsing on thousands of generated inputs: any bytes, any JSON value where an event
 * or its fields belong, any key. The only failure allowed is a typed {@link InvalidInput}; a key
 * S3 encoded is read back exactly.
 */
class LandingEventsProperties {

    @Property(tries = 3000)
    void anyBytesParseOrFailTyped(@ForAll byte[] bytes) {
        parsesOrFailsTyped(bytes);
    }

    @Property(tries = 3000)
    void anyValueInAnyFieldOfAnS3NotificationParsesOrFailsTyped(@ForAll("s3Notifications") Map<String, Object> event)
            throws Exception {
        parsesOrFailsTyped(JSON.std.asBytes(event));
    }

    @Property(tries = 3000)
    void anyValueInAnyFieldOfAnEventBridgeEventParsesOrFailsTyped(
            @ForAll("eventBridgeEvents") Map<String, Object> event) throws Exception {
        parsesOrFailsTyped(JSON.std.asBytes(event));
    }

    @Property(tries = 3000)
    void aKeyEncodedAsS3EncodesItIsReadBackExactly(@ForAll("keys") String key) throws Exception {
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        Map<String, Object> event = Map.of(
                "Records",
                List.of(Map.of(
                        "eventName",
                        "ObjectCreated:Put",
                        "s3",
                        Map.of(
                                "bucket",
                                Map.of("name", "landing-bucket"),
                                "object",
                                Map.of("key", encoded, "size", 10)))));

        List<LandedObject> objects = LandingEvents.parse(JSON.std.asBytes(event));

        assertThat(objects).singleElement().extracting(LandedObject::key).isEqualTo(key);
    }

    @Property(tries = 3000)
    void anyKeyStringParsesOrFailsTyped(@ForAll("keys") String key) throws Exception {
        Map<String, Object> event = Map.of(
                "Records",
                List.of(Map.of(
                        "eventName",
                        "ObjectCreated:Put",
                        "s3",
                        Map.of("bucket", Map.of("name", "landing-bucket"), "object", Map.of("key", key)))));
        parsesOrFailsTyped(JSON.std.asBytes(event));
    }

    private static void parsesOrFailsTyped(byte[] event) {
        try {
            List<LandedObject> objects = LandingEvents.parse(event);
            assertThat(objects).allSatisfy(object -> assertThat(object.key()).isNotEmpty());
        } catch (InvalidInput typed) {
            assertThat(typed.getMessage()).isNotBlank();
        }
    }

    /** Keys S3 could hold: any Unicode text that UTF-8 can encode (no lone surrogates). */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(300),
                        Arbitraries.strings()
                                .withChars("abc/%+.éü€ -_09")
                                .ofMinLength(1)
                                .ofMaxLength(60),
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40))
                .filter(key -> StandardCharsets.UTF_8.newEncoder().canEncode(key));
    }

    @Provide
    Arbitrary<Map<String, Object>> s3Notifications() {
        return Arbitraries.oneOf(
                anyValue().map(value -> java.util.Collections.singletonMap("Records", value)),
                anyValue().list().ofMaxSize(3).map(records -> Map.of("Records", records)),
                Arbitraries.of(
                                "eventName",
                                "s3",
                                "eventTime",
                                "bucket",
                                "object",
                                "key",
                                "size",
                                "versionId",
                                "eTag",
                                "sequencer")
                        .flatMap(field -> anyValue().map(value -> s3WithField(field, value))));
    }

    @Provide
    Arbitrary<Map<String, Object>> eventBridgeEvents() {
        return Arbitraries.of("detail", "bucket", "object", "key", "size", "version-id", "etag", "id", "time")
                .flatMap(field -> anyValue().map(value -> eventBridgeWithField(field, value)));
    }

    /** Any JSON value: null, booleans, numbers, strings, and small lists and objects of them. */
    private static Arbitrary<Object> anyValue() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(30).map(Object.class::cast));
        return Arbitraries.oneOf(
                scalar,
                scalar.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), scalar)
                        .ofMaxSize(3)
                        .map(Object.class::cast));
    }

    private static Map<String, Object> s3WithField(String field, Object value) {
        Map<String, Object> object = new LinkedHashMap<>(Map.of("key", "orders/2026/11/22/a.csv", "size", 10));
        Map<String, Object> s3 =
                new LinkedHashMap<>(Map.of("bucket", Map.of("name", "landing-bucket"), "object", object));
        Map<String, Object> record = new LinkedHashMap<>(Map.of("eventName", "ObjectCreated:Put", "s3", s3));
        switch (field) {
            case "eventName", "s3", "eventTime" -> record.put(field, value);
            case "bucket", "object" -> s3.put(field, value);
            default -> object.put(field, value);
        }
        return Map.of("Records", List.of(record));
    }

    private static Map<String, Object> eventBridgeWithField(String field, Object value) {
        Map<String, Object> object = new LinkedHashMap<>(Map.of("key", "orders/2026/11/22/a.csv", "size", 10));
        Map<String, Object> detail =
                new LinkedHashMap<>(Map.of("bucket", Map.of("name", "landing-bucket"), "object", object));
        Map<String, Object> event =
                new LinkedHashMap<>(Map.of("source", "aws.s3", "detail-type", "Object Created", "detail", detail));
        switch (field) {
            case "detail", "id", "time" -> event.put(field, value);
            case "bucket", "object" -> detail.put(field, value);
            default -> object.put(field, value);
        }
        return event;
    }
}

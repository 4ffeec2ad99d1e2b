package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sparkpipeline.core.landing.LandedObject;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The function reads landing events with its own small JSON reader. On every landing fixture it
 * must see what the Lambda runtime's own event classes ({@link S3Event}, {@link ScheduledEvent},
 * read by the runtime's deserializer) see, field for field, with nothing of the function's added
 * to that reading. Where the runtime's classes say nothing or something the function refines (an
 * empty version, no sequencer, an EventBridge key that form-decoding changes), the function falls
 * back on a rule of its own: those cases are held to values written here.
 */
class LandingEventsMatchTheRuntimeTest {

    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    private static final String VERSION = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";
    private static final String ETAG = "0123456789abcdef0123456789abcdef";
    private static final String SEQUENCER = "0055AED6DCD90281E5";
    private static final Instant LANDED = Instant.parse("2026-11-22T08:15:30Z");

    /** events/s3-put.json as the function reads it. */
    private static final Seen S3_PUT =
            new Seen("landing-bucket", List.of(KEY), VERSION, ETAG, 1024L, SEQUENCER, LANDED);
    /** events/eventbridge-object-created.json as the function reads it. */
    private static final Seen EVENTBRIDGE = new Seen(
            "landing-bucket", List.of(KEY), VERSION, ETAG, 1024L, "17793124-05d4-b198-2fde-7ededc63b103", LANDED);

    /**
     * One announced object, as either reader sees it.
     *
     * @param keys the key readings, in the order they are tried
     * @param size the announced size, null when the event has none
     */
    record Seen(
            String bucket,
            List<String> keys,
            String versionId,
            String etag,
            Long size,
            String eventId,
            Instant eventTime) {

        static Seen of(LandedObject object) {
            return new Seen(
                    object.bucket(),
                    object.keyCandidates(),
                    object.versionId(),
                    object.etag(),
                    object.size(),
                    object.eventId(),
                    object.eventTime());
        }

        Seen withKeys(List<String> other) {
            return new Seen(bucket, other, versionId, etag, size, eventId, eventTime);
        }

        Seen withVersionId(String other) {
            return new Seen(bucket, keys, other, etag, size, eventId, eventTime);
        }

        Seen withEtag(String other) {
            return new Seen(bucket, keys, versionId, other, size, eventId, eventTime);
        }

        Seen withSize(Long other) {
            return new Seen(bucket, keys, versionId, etag, other, eventId, eventTime);
        }

        Seen withEventId(String other) {
            return new Seen(bucket, keys, versionId, etag, size, other, eventTime);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLandingFixtureReadsAsTheRuntimeReadsIt() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("events"))) {
            fixtures = files.filter(file -> file.getFileName().toString().matches("(s3|eventbridge)-.*\\.json"))
                    .filter(file ->
                            !HELD_TO_WRITTEN_VALUES.contains(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(9);
        return fixtures.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    byte[] json = Files.readAllBytes(file);
                    assertThat(ours(json))
                            .as(
                                    "a fixture on which the function falls back on a rule of its own belongs in fallbacks()")
                            .isEqualTo(runtimeReading(file.getFileName().toString(), json));
                }));
    }

    /**
     * Where the runtime's classes leave the answer to the function.
     *
     * @param edit     turns the fixture into the case
     * @param expected what the function must read, written out
     */
    record Fallback(String name, String fixture, UnaryOperator<String> edit, List<Seen> expected) {

        /** Whether the case is its fixture unedited. */
        boolean asIs() {
            String text = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
            return edit.apply(text).equals(text);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The fixtures the runtime's reading cannot decide as they are: fallbacks() holds them to
     * written values instead.
     */
    private static final Set<String> HELD_TO_WRITTEN_VALUES =
            fallbacks().filter(Fallback::asIs).map(Fallback::fixture).collect(Collectors.toSet());

    static Stream<Fallback> fallbacks() {
        return Stream.of(
                new Fallback(
                        "an unversioned bucket's notification, without a versionId, has no version "
                                + "(the runtime's class reads an empty one)",
                        "s3-put-unversioned-bucket.json",
                        UnaryOperator.identity(),
                        List.of(S3_PUT.withKeys(List.of("orders/2026/11/22/orders-002.csv"))
                                .withVersionId(null))),
                new Fallback(
                        "an empty versionId is no version",
                        "s3-put.json",
                        text -> text.replace("\"versionId\": \"" + VERSION + "\"", "\"versionId\": \"\""),
                        List.of(S3_PUT.withVersionId(null))),
                new Fallback(
                        "an empty eTag is no entity tag",
                        "s3-put.json",
                        text -> text.replace("\"eTag\": \"" + ETAG + "\"", "\"eTag\": \"\""),
                        List.of(S3_PUT.withEtag(null))),
                new Fallback(
                        "without a sequencer the record's place names the event",
                        "s3-put.json",
                        text -> text.replaceAll(",\\s*\"sequencer\": \"" + SEQUENCER + "\"", ""),
                        List.of(S3_PUT.withEventId("Records[0]"))),
                new Fallback(
                        "without a size the size is unknown (-1): the HEAD that follows decides",
                        "s3-put.json",
                        text -> text.replace("\"size\": 1024,", ""),
                        List.of(S3_PUT.withSize(-1L))),
                new Fallback(
                        "a record that creates no object announces none",
                        "s3-put.json",
                        text -> text.replace("ObjectCreated:Put", "ObjectRemoved:Delete"),
                        List.of()),
                new Fallback(
                        "an EventBridge key that form-decoding changes is tried decoded, then as sent",
                        "eventbridge-object-created.json",
                        text -> text.replace(KEY, "orders/2026/11/22/a+b%2Bc.csv"),
                        List.of(EVENTBRIDGE.withKeys(
                                List.of("orders/2026/11/22/a b+c.csv", "orders/2026/11/22/a+b%2Bc.csv")))),
                new Fallback(
                        "an EventBridge event without an id is named by its sequencer",
                        "eventbridge-object-created.json",
                        text -> text.replace("\"id\": \"17793124-05d4-b198-2fde-7ededc63b103\",", ""),
                        List.of(EVENTBRIDGE.withEventId(SEQUENCER))),
                new Fallback(
                        "an empty EventBridge version-id is no version",
                        "eventbridge-object-created.json",
                        text -> text.replace("\"version-id\": \"" + VERSION + "\"", "\"version-id\": \"\""),
                        List.of(EVENTBRIDGE.withVersionId(null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fallbacks")
    void whereTheRuntimeLeavesTheAnswerToTheFunctionItsRuleHolds(Fallback fallback) {
        byte[] json = fallback.edit()
                .apply(new String(Fixtures.bytes(fallback.fixture()), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ours(json)).isEqualTo(fallback.expected());
        // Else the case needs no rule of the function's: the runtime's reading would decide it.
        assertThat(runtimeReading(fallback.fixture(), json))
                .as("the runtime's reading")
                .isNotEqualTo(fallback.expected());
    }

    private static List<Seen> ours(byte[] json) {
        return LandingEvents.parse(json).stream().map(Seen::of).toList();
    }

    /**
     * Every object the runtime's event class carries, as its getters give it: the S3 key decoded by
     * the class itself ({@code getUrlDecodedKey}), the EventBridge key as sent.
     */
    private static List<Seen> runtimeReading(String fixture, byte[] json) {
        ClassLoader loader = LandingEventsMatchTheRuntimeTest.class.getClassLoader();
        if (fixture.startsWith("s3-")) {
            S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, loader)
                    .fromJson(new ByteArrayInputStream(json));
            if (event.getRecords() == null) {
                return List.of();
            }
            return event.getRecords().stream()
                    .map(record -> {
                        var object = record.getS3().getObject();
                        return new Seen(
                                record.getS3().getBucket().getName(),
                                List.of(object.getUrlDecodedKey()),
                                object.getVersionId(),
                                object.geteTag(),
                                object.getSizeAsLong(),
                                object.getSequencer(),
                                record.getEventTime() == null
                                        ? null
                                        : Instant.ofEpochMilli(
                                                record.getEventTime().getMillis()));
                    })
                    .toList();
        }
        ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, loader)
                .fromJson(new ByteArrayInputStream(json));
        Map<?, ?> object = (Map<?, ?>) event.getDetail().get("object");
        Map<?, ?> bucket = (Map<?, ?>) event.getDetail().get("bucket");
        return List.of(new Seen(
                (String) bucket.get("name"),
                List.of((String) object.get("key")),
                (String) object.get("version-id"),
                (String) object.get("etag"),
                object.get("size") instanceof Number size ? size.longValue() : null,
                event.getId(),
                event.getTime() == null
                        ? null
                        : Instant.ofEpochMilli(event.getTime().getMillis())));
    }
}

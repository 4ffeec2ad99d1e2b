package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sparkpipeline.core.landing.LandedObject;
import dev.sparkpipeline.core.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function reads landing events with its own small JSON reader; the Lambda runtime's event
 * classes, read by its own deserializer, must see the same objects in every landing fixture.
 */
class LandingEventsMatchTheRuntimeTest {

    @TestFactory
    Stream<DynamicTest> everyLandingFixtureReadsAsTheRuntimeReadsIt() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("events"))) {
            fixtures = files.filter(file -> file.getFileName().toString().matches("(s3|eventbridge)-.*\\.json")).sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(10);
        return fixtures.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> compare(file)));
    }

    private static void compare(Path file) throws IOException {
        byte[] json = Files.readAllBytes(file);
        List<LandedObject> ours;
        try {
            ours = LandingEvents.parse(json);
        } catch (RuntimeException rejected) {
            // A fixture the function rejects must be one the runtime cannot read into an object either.
            assertThat(runtimeReading(json)).as(rejected.getMessage()).isEmpty();
            return;
        }
        assertThat(ours).usingRecursiveFieldByFieldElementComparator().isEqualTo(runtimeReading(json));
    }

    /** The objects as the runtime's S3Event or ScheduledEvent carries them, keys decoded the same way. */
    private static List<LandedObject> runtimeReading(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        List<LandedObject> objects = new ArrayList<>();
        if (text.contains("\"Records\"")) {
            S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, LandingEventsMatchTheRuntimeTest.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(json));
            var records = event.getRecords();
            for (int i = 0; i < records.size(); i++) {
                var record = records.get(i);
                if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                    continue;
                }
                var object = record.getS3().getObject();
                objects.add(new LandedObject(record.getS3().getBucket().getName(),
                        List.of(URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8)), blankToNull(object.getVersionId()),
                        blankToNull(object.geteTag()), object.getSizeAsLong() == null ? -1 : object.getSizeAsLong(),
                        object.getSequencer() == null ? "Records[" + i + "]" : object.getSequencer(),
                        record.getEventTime() == null ? Instant.EPOCH : Instant.ofEpochMilli(record.getEventTime().getMillis())));
            }
        } else if (text.contains("\"aws.s3\"")) {
            ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, LandingEventsMatchTheRuntimeTest.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(json));
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) event.getDetail().get("object");
            @SuppressWarnings("unchecked")
            Map<String, Object> bucket = (Map<String, Object>) event.getDetail().get("bucket");
            String key = (String) object.get("key");
            List<String> candidates = new ArrayList<>(List.of(URLDecoder.decode(key, StandardCharsets.UTF_8)));
            if (!candidates.contains(key)) {
                candidates.add(key);
            }
            objects.add(new LandedObject((String) bucket.get("name"), candidates, (String) object.get("version-id"),
                    (String) object.get("etag"), ((Number) object.get("size")).longValue(), event.getId(),
                    Instant.ofEpochMilli(event.getTime().getMillis())));
        }
        return objects;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

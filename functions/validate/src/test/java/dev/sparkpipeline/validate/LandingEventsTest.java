package dev.sparkpipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.landing.LandedObject;
import dev.sparkpipeline.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every shape of landing event in events/, and the typed errors for the ones that are not. */
class LandingEventsTest {

    @Test
    void readsAnS3PutNotification() {
        var objects = LandingEvents.parse(Fixtures.bytes("s3-put.json"));

        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.bucket()).isEqualTo("landing-bucket");
            assertThat(object.key()).isEqualTo("orders/2026/11/22/orders-001.csv");
            assertThat(object.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
            assertThat(object.size()).isEqualTo(1024);
            assertThat(object.eventTime()).isEqualTo(Instant.parse("2026-11-22T08:15:30Z"));
        });
    }

    @Test
    void anUnversionedBucketsEventHasNoVersionId() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-put-unversioned-bucket.json")))
                .singleElement()
                .extracting(LandedObject::versionId)
                .isNull();
    }

    @Test
    void readsEveryRecordOfAMultiRecordNotification() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-multi-record.json")))
                .extracting(LandedObject::key)
                .containsExactly("orders/2026/11/22/orders-001.csv", "customers/2026/11/22/customers-001.csv");
    }

    @Test
    void decodesFormEncodedKeysExactlyOnce() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-put-key-with-spaces.json")))
                .singleElement()
                .extracting(LandedObject::key)
                .isEqualTo("orders/2026/11/22/daily orders+returns.csv");
    }

    @Test
    void decodesUnicodeAndALiteralPercent() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-put-key-unicode-percent.json")))
                .singleElement()
                .extracting(LandedObject::key)
                .isEqualTo("orders/2026/11/22/commandes-été 100%.csv");
    }

    @Test
    void anS3NotificationKeyHasExactlyOneReading() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-put-key-with-spaces.json")))
                .singleElement()
                .extracting(LandedObject::keyCandidates)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
    }

    @Test
    void acknowledgesTheS3TestEventWithNoObjects() {
        assertThat(LandingEvents.parse(Fixtures.bytes("s3-test-event.json"))).isEmpty();
    }

    @Test
    void readsAnEventBridgeObjectCreatedEvent() {
        var objects = LandingEvents.parse(Fixtures.bytes("eventbridge-object-created.json"));

        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.bucket()).isEqualTo("landing-bucket");
            assertThat(object.key()).isEqualTo("orders/2026/11/22/orders-001.csv");
            assertThat(object.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
            assertThat(object.etag()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(object.eventId()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
        });
    }

    @Test
    void anAmbiguousEventBridgeKeyIsTriedDecodedThenAsSent() {
        String event = new String(Fixtures.bytes("eventbridge-object-created.json"), StandardCharsets.UTF_8)
                .replace("orders/2026/11/22/orders-001.csv", "orders/2026/11/22/a+b.csv");

        assertThat(LandingEvents.parse(event.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .extracting(LandedObject::keyCandidates)
                .isEqualTo(java.util.List.of("orders/2026/11/22/a b.csv", "orders/2026/11/22/a+b.csv"));
    }

    @Test
    void ignoresRecordsThatAreNotObjectCreation() {
        String removal = new String(Fixtures.bytes("s3-put.json"), StandardCharsets.UTF_8)
                .replace("ObjectCreated:Put", "ObjectRemoved:Delete");

        assertThat(LandingEvents.parse(removal.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void rejectsAnEventOfNeitherShapeWithATypedError() {
        assertThatThrownBy(() -> LandingEvents.parse("{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("neither an S3 event notification");
    }

    @Test
    void rejectsMalformedJsonWithATypedError() {
        assertThatThrownBy(() -> LandingEvents.parse("{\"Records\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void rejectsARecordWithoutAKey() {
        String keyless = new String(Fixtures.bytes("s3-put.json"), StandardCharsets.UTF_8)
                .replace("\"key\": \"orders/2026/11/22/orders-001.csv\",", "");

        assertThatThrownBy(() -> LandingEvents.parse(keyless.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("Records[0].s3.object.key is required");
    }

    @Test
    void aKeyWhoseEscapesAreNotUtf8IsRefusedRatherThanReadAsAnotherKey() {
        String event = new String(Fixtures.bytes("s3-put.json"), StandardCharsets.UTF_8)
                .replace("orders/2026/11/22/orders-001.csv", "orders/2026/11/22/caf%E9.csv");

        assertThatThrownBy(() -> LandingEvents.parse(event.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void rawUnicodeInAnEventBridgeKeyIsKept() {
        String event = new String(Fixtures.bytes("eventbridge-object-created.json"), StandardCharsets.UTF_8)
                .replace("orders/2026/11/22/orders-001.csv", "orders/2026/11/22/été-€-\uD83D\uDE00.csv");

        assertThat(LandingEvents.parse(event.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .extracting(LandedObject::keyCandidates)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsOnly("orders/2026/11/22/été-€-\uD83D\uDE00.csv");
    }

    @Test
    void anAnnouncedSizeThatIsNotANumberIsUnknownNotARefusal() {
        String event = new String(Fixtures.bytes("s3-put.json"), StandardCharsets.UTF_8)
                .replace("\"size\": 1024", "\"size\": \"big\"");

        assertThat(LandingEvents.parse(event.getBytes(StandardCharsets.UTF_8)))
                .singleElement()
                .extracting(LandedObject::size)
                .isEqualTo(-1L);
    }
}

package dev.sparkpipeline.core.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.storage.ObjectIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordLocationTest {

    private static final Instant LANDED = Instant.parse("2026-11-22T23:59:59Z");

    @Test
    void aRecordSitsInTheFolderOfItsObjectUnderTheDayItLanded() {
        var object = new ObjectIdentity("landing", "orders/a b.csv", "v1", "e");

        RecordLocation location = RecordLocation.of("failed/", object, LANDED);

        assertThat(location.copyKey()).isEqualTo("failed/2026/11/22/" + object.shortId() + "/orders/a b.csv");
        assertThat(location.reasonKey()).isEqualTo(location.copyKey() + ".reason.json");
    }

    @Test
    void twoVersionsOfOneKeyHaveTwoRecords() {
        assertThat(RecordLocation.of("quarantine/", new ObjectIdentity("b", "k.csv", "v1", "e"), LANDED))
                .isNotEqualTo(RecordLocation.of("quarantine/", new ObjectIdentity("b", "k.csv", "v2", "e"), LANDED));
        assertThat(RecordLocation.of("quarantine/", new ObjectIdentity("b", "k.csv", null, "e1"), LANDED))
                .isNotEqualTo(RecordLocation.of("quarantine/", new ObjectIdentity("b", "k.csv", null, "e2"), LANDED));
    }

    @Test
    void aKeyAtS3sLimitIsShortenedToFitKeepingItsExtensionAndWholeCharacters() {
        String key = "orders/" + "é".repeat(400) + "x".repeat(200) + "/" + "ü".repeat(300) + ".csv";
        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(1000);

        RecordLocation location = RecordLocation.of("quarantine/", new ObjectIdentity("b", key, "v", "e"), LANDED);

        assertThat(location.reasonKey().getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(RecordLocation.MAX_KEY_BYTES);
        assertThat(location.copyKey())
                .endsWith("ü.csv")
                .doesNotContain("orders/")
                .doesNotContain("\uFFFD");
    }

    @Test
    void aRecordsKeyGivesBackTheDayItIsFiledUnder() {
        var location = RecordLocation.of("failed/", new ObjectIdentity("b", "orders/a.csv", null, "e"), LANDED);

        assertThat(RecordLocation.dayOf("failed/", location.reasonKey()))
                .contains(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(RecordLocation.dayOf("failed/", "failed/not-a-day/x")).isEmpty();
    }
}

package dev.sparkpipeline.recordfailure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MetricLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** The failure record on moto_server: the source in failed/ with the engine's reason and links. */
class RecordFailureHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final MetricLines metricLines = new MetricLines();

    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    /** A failure record: the day the fixture's source landed, then the object's own folder. */
    private static final String RECORD = Pattern.quote("s3://quarantine-bucket/failed/2026/11/22/") + "[0-9a-f]{16}/";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private S3Client s3;

    @BeforeEach
    void buckets() {
        moto.reset();
        s3 = moto.clients().s3();
        for (String bucket : new String[] {"landing-bucket", "quarantine-bucket"}) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(
                    b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    @Test
    void theSourceIsCopiedToFailedWithTheEnginesReasonAndLinks() throws IOException {
        landTheSource();

        Map<String, Object> answer = invoke(Fixtures.bytes("record-failure.json"));

        assertThat((String) answer.get("failedUri")).matches(RECORD + Pattern.quote(KEY));
        assertThat(answer)
                .containsEntry("reasonUri", answer.get("failedUri") + ".reason.json")
                .containsEntry("sourceMissing", false);
        assertThat(read(answer.get("failedUri"))).isEqualTo(Fixtures.bytes("data/orders.csv"));
        Map<String, Object> reason = JSON.std.mapFrom(read(answer.get("reasonUri")));
        assertThat(reason)
                .containsEntry("kind", "JobFailed")
                .containsEntry("engine", "EMR_SERVERLESS")
                .containsEntry("jobState", "FAILED");
        assertThat((String) reason.get("cause")).contains("OutOfMemoryError");
        assertThat(reason.get("links").toString()).contains("SPARK_DRIVER");
    }

    @Test
    void recordingTwiceMakesOneCopy() throws IOException {
        landTheSource();
        invoke(Fixtures.bytes("record-failure.json"));

        invoke(Fixtures.bytes("record-failure.json"));

        assertThat(s3.listObjectVersions(b -> b.bucket("quarantine-bucket").prefix("failed/"))
                        .versions())
                .hasSize(2);
    }

    @Test
    void theLastAnswersStatusIsRecordedNotTheSubmissions() throws IOException {
        landTheSource();
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("record-failure.json"));
        Map<String, Object> state = stateOf(event);
        @SuppressWarnings("unchecked")
        Map<String, Object> failed = (Map<String, Object>) ((Map<String, Object>) state.get("run")).get("status");
        Map<String, Object> submitted = new java.util.LinkedHashMap<>(failed);
        submitted.put("rawState", "SUBMITTED");
        submitted.put("state", "PENDING");
        submitted.put("failureReason", null);
        state.put("run", Map.of("handle", ((Map<?, ?>) state.get("run")).get("handle"), "status", submitted));
        state.put("answer", Map.of("Payload", Map.of("status", failed)));

        Map<String, Object> answer = invoke(JSON.std.asBytes(event));

        Map<String, Object> reason = JSON.std.mapFrom(read(answer.get("reasonUri")));
        assertThat(reason).containsEntry("jobState", "FAILED");
    }

    @Test
    void aRetryAfterMidnightLandsOnTheSameRecord() throws IOException {
        landTheSource();
        Map<String, Object> first = invoke(Fixtures.bytes("record-failure.json"));

        Map<String, Object> retried = invoke(
                Fixtures.bytes("record-failure.json"),
                Clock.fixed(Instant.parse("2026-11-23T00:05:00Z"), ZoneOffset.UTC));

        assertThat(retried).containsEntry("failedUri", first.get("failedUri"));
        assertThat(s3.listObjectVersions(b -> b.bucket("quarantine-bucket").prefix("failed/"))
                        .versions())
                .hasSize(2);
    }

    @Test
    void twoDifferentFilesOfTheSameNameKeepTheirOwnBytesAndReasons() throws IOException {
        s3.putObject(b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromString("order_id\nfirst\n"));
        Map<String, Object> first = invoke(Fixtures.bytes("record-failure.json"));
        s3.putObject(b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromString("order_id\nsecond file\n"));

        Map<String, Object> second = invoke(Fixtures.bytes("record-failure.json"));

        assertThat(second.get("failedUri")).isNotEqualTo(first.get("failedUri"));
        assertThat(new String(read(first.get("failedUri")), StandardCharsets.UTF_8))
                .contains("first");
        assertThat(new String(read(second.get("failedUri")), StandardCharsets.UTF_8))
                .contains("second file");
        Map<String, Object> secondReason = JSON.std.mapFrom(read(second.get("reasonUri")));
        assertThat(secondReason.get("source").toString())
                .contains(
                        s3.headObject(b -> b.bucket("landing-bucket").key(KEY)).versionId());
    }

    @Test
    void anInputWithoutALandingTimeIsDatedByTheObjectsLastModified() throws IOException {
        landTheSource();
        Instant lastModified =
                s3.headObject(b -> b.bucket("landing-bucket").key(KEY)).lastModified();
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("record-failure.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) event.get("state")).get("source");
        assertThat(source.remove("landedAt"))
                .as("the fixture has a landing time to remove")
                .isNotNull();

        Map<String, Object> answer = invoke(JSON.std.asBytes(event));

        String day = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
                .withZone(ZoneOffset.UTC)
                .format(lastModified);
        assertThat((String) answer.get("failedUri")).startsWith("s3://quarantine-bucket/failed/" + day + "/");
    }

    @Test
    void aSourceAlreadyGoneStillGetsItsReasonDocument() throws IOException {
        Map<String, Object> answer = invoke(Fixtures.bytes("record-failure.json"));

        assertThat(answer).containsEntry("sourceMissing", true);
        assertThat((String) answer.get("reasonUri")).matches(RECORD + Pattern.quote(KEY + ".reason.json"));
        String reason = new String(read(answer.get("reasonUri")), StandardCharsets.UTF_8);
        assertThat(reason).contains("\"missing\":true").contains("JobFailed");
    }

    @Test
    void aFailureBeforeAnyJobRecordsWithoutAStatus() throws IOException {
        landTheSource();
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("record-failure.json"));
        Map<String, Object> state = stateOf(event);
        assertThat(state.remove("run")).as("the fixture has a run to remove").isNotNull();

        Map<String, Object> answer = invoke(JSON.std.asBytes(event));

        assertThat(answer).containsEntry("sourceMissing", false);
        String reason = new String(read(answer.get("reasonUri")), StandardCharsets.UTF_8);
        assertThat(reason).contains("JobFailed").doesNotContain("jobState");
    }

    @Test
    void aNewRecordCountsOneFailedFileForItsDatasetAndEngine() throws IOException {
        landTheSource();

        invoke(Fixtures.bytes("record-failure.json"));

        Map<String, Object> document = metricLines.documentWith(MetricNames.FILES_FAILED);
        assertThat(document)
                .containsEntry("FilesFailed", 1)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "EMR_SERVERLESS")
                .containsEntry("Function", "record-failure");
        assertThat(MetricLines.directive(document))
                .containsEntry("Dimensions", List.of(List.of("Dataset", "Engine"), List.of("Function")))
                .containsEntry("Metrics", List.of(Map.of("Name", "FilesFailed", "Unit", "Count")));
    }

    @Test
    void recordingTheSameFileAgainCountsNoFailedFile() throws IOException {
        landTheSource();
        invoke(Fixtures.bytes("record-failure.json"));

        invoke(Fixtures.bytes("record-failure.json"));

        assertThat(metricLines.documentsWith(MetricNames.FILES_FAILED))
                .extracting(document -> document.get("FilesFailed"))
                .containsExactly(1, 0);
    }

    @Test
    void aSourceAlreadyGoneIsCountedOnceByItsReasonDocument() throws IOException {
        invoke(Fixtures.bytes("record-failure.json"));

        invoke(Fixtures.bytes("record-failure.json"));

        assertThat(metricLines.documentsWith(MetricNames.FILES_FAILED))
                .extracting(document -> document.get("FilesFailed"))
                .containsExactly(1, 0);
    }

    /** The fixture's file, landed under the key its event names. */
    private void landTheSource() {
        s3.putObject(
                b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stateOf(Map<String, Object> event) {
        return (Map<String, Object>) event.get("state");
    }

    private Map<String, Object> invoke(byte[] event) throws IOException {
        return invoke(event, clock);
    }

    private Map<String, Object> invoke(byte[] event, Clock at) throws IOException {
        var out = new ByteArrayOutputStream();
        new RecordFailureHandler(new FailureRecorder(
                        new S3ObjectStore(s3), "quarantine-bucket", at, metricLines.metrics("record-failure", at)))
                .handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private byte[] read(Object uri) {
        String key = ((String) uri).substring("s3://quarantine-bucket/".length());
        return s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key(key)).asByteArray();
    }
}

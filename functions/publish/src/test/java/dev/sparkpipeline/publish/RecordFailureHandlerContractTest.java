package dev.sparkpipeline.publish;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.aws.S3ObjectStore;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure record on moto_server: the source in failed/ with the engine's reason and links. */
class RecordFailureHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private S3Client s3;

    @BeforeEach
    void buckets() {
        moto.reset();
        s3 = moto.clients().s3();
        for (String bucket : new String[]{"landing-bucket", "quarantine-bucket"}) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    @Test
    void theSourceIsCopiedToFailedWithTheEnginesReasonAndLinks() throws IOException {
        s3.putObject(b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));

        Map<String, Object> answer = invoke(Fixtures.bytes("record-failure.json"));

        assertThat(answer).containsEntry("failedUri", "s3://quarantine-bucket/failed/2026/11/22/" + KEY)
                .containsEntry("sourceMissing", false);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key("failed/2026/11/22/" + KEY)).asByteArray())
                .isEqualTo(Fixtures.bytes("data/orders.csv"));
        Map<String, Object> reason = JSON.std.mapFrom(s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket")
                .key("failed/2026/11/22/" + KEY + ".reason.json")).asByteArray());
        assertThat(reason).containsEntry("kind", "JobFailed").containsEntry("engine", "EMR_SERVERLESS")
                .containsEntry("jobState", "FAILED");
        assertThat((String) reason.get("cause")).contains("OutOfMemoryError");
        assertThat(reason.get("links").toString()).contains("SPARK_DRIVER");
    }

    @Test
    void recordingTwiceMakesOneCopy() throws IOException {
        s3.putObject(b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
        invoke(Fixtures.bytes("record-failure.json"));

        invoke(Fixtures.bytes("record-failure.json"));

        assertThat(s3.listObjectVersions(b -> b.bucket("quarantine-bucket").prefix("failed/")).versions()).hasSize(2);
    }

    @Test
    void aSourceAlreadyGoneStillGetsItsReasonDocument() throws IOException {
        Map<String, Object> answer = invoke(Fixtures.bytes("record-failure.json"));

        assertThat(answer).containsEntry("sourceMissing", true);
        String reason = s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key("failed/2026/11/22/" + KEY + ".reason.json"))
                .asUtf8String();
        assertThat(reason).contains("\"missing\":true").contains("JobFailed");
    }

    @Test
    void aFailureBeforeAnyJobRecordsWithoutAStatus() throws IOException {
        s3.putObject(b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
        Map<String, Object> event = JSON.std.mapFrom(Fixtures.bytes("record-failure.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) event.get("state");
        assertThat(state.remove("run")).as("the fixture has a run to remove").isNotNull();

        Map<String, Object> answer = invoke(JSON.std.asBytes(event));

        assertThat(answer).containsEntry("sourceMissing", false);
        String reason = s3.getObjectAsBytes(b -> b.bucket("quarantine-bucket").key("failed/2026/11/22/" + KEY + ".reason.json"))
                .asUtf8String();
        assertThat(reason).contains("JobFailed").doesNotContain("jobState");
    }

    private Map<String, Object> invoke(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        new RecordFailureHandler(new FailureRecorder(new S3ObjectStore(s3), "quarantine-bucket", clock))
                .handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

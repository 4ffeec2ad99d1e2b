package dev.sparkpipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.GlueCatalog;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.intake.BatchCloser;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MetricLines;
import dev.sparkpipeline.recordfailure.RecordFailureHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every member of a batch ends in exactly one place, on moto_server: publishing archives the
 * members the job curated and records the ones it set aside under {@code failed/} with their own
 * reasons; a failed batch run records every member.
 */
class BatchFatesContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final MetricLines metricLines = new MetricLines();

    private static final Instant LANDED = Instant.parse("2026-11-22T08:00:00Z");
    private static final String BAD_REASON =
            "2 of 3 rows do not fit dataset orders (66.7% > 5.0% allowed): amount not_a_decimal 2";

    private static final String UNREADABLE = "cannot be read (not in gzip format)";

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private S3Client s3;
    private List<SourceObject> members;
    private String batch;

    @BeforeEach
    void account() {
        moto.reset();
        s3 = moto.clients().s3();
        for (String bucket : List.of("landing-bucket", "curated-bucket", "quarantine-bucket")) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        moto.clients().glue().createDatabase(b -> b.databaseInput(d -> d.name("pipeline_curated")));
        members = new ArrayList<>();
        for (String name : List.of("a", "b", "bad")) {
            String key = "orders/2026/11/22/" + name + ".csv";
            byte[] bytes = Fixtures.bytes("data/orders.csv");
            var put = s3.putObject(b -> b.bucket("landing-bucket").key(key), RequestBody.fromBytes(bytes));
            members.add(
                    new SourceObject("landing-bucket", key, null, put.eTag().replace("\"", ""), bytes.length, LANDED));
        }
        batch = BatchCloser.idOf("orders", members);
        byte[] manifest =
                BatchManifestJson.write(new BatchManifest(batch, "orders", Engine.EMR_SERVERLESS, LANDED, members));
        s3.putObject(
                b -> b.bucket("curated-bucket").key(BatchManifest.key("orders", batch)),
                RequestBody.fromBytes(manifest));
    }

    @Test
    void curatedMembersAreArchivedAndASetAsideMemberIsRecordedWithItsOwnReason() throws IOException {
        runManifest(true);

        Map<String, Object> summary = publish();

        assertThat(summary.get("files"))
                .isEqualTo(Map.of(
                        "batch",
                        batch,
                        "members",
                        3,
                        "curated",
                        2,
                        "failed",
                        1,
                        "failures",
                        List.of(Map.of("key", "orders/2026/11/22/bad.csv", "reason", BAD_REASON))));
        assertThat(keys("curated-bucket", "_processed/"))
                .filteredOn(key -> !key.endsWith(".reason.json"))
                .hasSize(2)
                .noneMatch(key -> key.endsWith("bad.csv"));
        List<String> failed = keys("quarantine-bucket", "failed/");
        assertThat(failed).hasSize(2).anyMatch(key -> key.endsWith("/orders/2026/11/22/bad.csv"));
        String reason = read(
                "quarantine-bucket",
                failed.stream()
                        .filter(key -> key.endsWith(".reason.json"))
                        .findFirst()
                        .orElseThrow());
        assertThat(reason).contains("SourceRejected").contains(BAD_REASON).contains(batch);
    }

    @Test
    void publishingTheSameBatchAgainPutsNothingInASecondPlace() throws IOException {
        runManifest(true);

        publish();
        publish();

        assertThat(keys("curated-bucket", "_processed/")).hasSize(4);
        assertThat(keys("quarantine-bucket", "failed/")).hasSize(2);
    }

    @Test
    void eachCuratedMemberCountsAsCuratedAndTheSetAsideMemberAsFailed() throws IOException {
        runManifest(true);

        publish();

        assertThat(metricLines.documentWith(MetricNames.FILES_CURATED))
                .containsEntry("FilesCurated", 2)
                .containsEntry("FilesFailed", 1)
                .containsEntry("RowsIn", 11)
                .containsEntry("RowsCurated", 8)
                .containsEntry("RowsRejected", 2)
                .containsEntry("RowsDuplicate", 0)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "EMR_SERVERLESS");
    }

    @Test
    void aMemberSetAsideByAnEarlierPublicationIsNotCountedAsFailedAgain() throws IOException {
        runManifest(true);
        publish();

        publish();

        assertThat(metricLines.documentsWith(MetricNames.FILES_FAILED))
                .extracting(document -> document.get("FilesFailed"))
                .containsExactly(1, 0);
    }

    @Test
    void aFailedBatchRunRecordsEveryMemberWithTheRunsReason() throws IOException {
        Map<String, Object> answer = recordFailure();

        assertThat(answer).containsEntry("files", 3);
        List<String> reasons = keys("quarantine-bucket", "failed/").stream()
                .filter(key -> key.endsWith(".reason.json"))
                .toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons)
                .allSatisfy(key -> assertThat(read("quarantine-bucket", key))
                        .contains("JobFailed")
                        .contains("OutOfMemoryError"));
    }

    @Test
    void aBatchWhoseJobSetEveryMemberAsideRecordsEachWithItsOwnReason() throws IOException {
        runManifest(false);

        recordFailure();

        assertThat(keys("quarantine-bucket", "failed/").stream()
                        .filter(key -> key.endsWith(".reason.json"))
                        .map(key -> read("quarantine-bucket", key)))
                .hasSize(3)
                .anyMatch(reason -> reason.contains(BAD_REASON))
                .anyMatch(reason -> reason.contains(UNREADABLE))
                .noneMatch(reason -> reason.contains("OutOfMemoryError"));
    }

    /**
     * The job's manifest: bad set aside with its reason; a and b curated when {@code committed},
     * else set aside as unreadable (the job then committed nothing and failed).
     */
    private void runManifest(boolean committed) {
        List<Manifest.SourceResult> sources = new ArrayList<>();
        for (SourceObject member : members) {
            boolean bad = member.key().endsWith("bad.csv");
            if (!committed && !bad) {
                sources.add(new Manifest.SourceResult(
                        "file:/elsewhere/" + member.key(), null, Manifest.Status.FAILED, 0, 0, 0, UNREADABLE));
                continue;
            }
            sources.add(new Manifest.SourceResult(
                    // Where the job read it: pairing with the batch's members is by position.
                    "file:/elsewhere/" + member.key(),
                    null,
                    bad ? Manifest.Status.FAILED : Manifest.Status.CURATED,
                    bad ? 3 : 4,
                    bad ? 0 : 4,
                    bad ? 2 : 0,
                    bad ? BAD_REASON : null));
        }
        Manifest template = ManifestJson.read(Fixtures.bytes("documents/manifest-orders.json"));
        Manifest manifest = new Manifest(
                "orders",
                batch,
                "s3://curated-bucket/" + BatchManifest.key("orders", batch),
                11,
                8,
                2,
                0,
                template.schema(),
                template.partitions(),
                template.files(),
                template.rejects(),
                null,
                template.extraPolicy(),
                template.extraColumns(),
                template.dedupe(),
                committed ? template.table() : null,
                sources);
        s3.putObject(
                b -> b.bucket("curated-bucket").key("orders/" + Manifest.relativePath(batch)),
                RequestBody.fromBytes(ManifestJson.write(manifest)));
    }

    /** publish.json's event, for this batch's execution. */
    private byte[] event(String fixture) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>(JSON.std.mapFrom(Fixtures.bytes(fixture)));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) event.get("state"));
        var head = s3.headObject(b -> b.bucket("curated-bucket").key(BatchManifest.key("orders", batch)));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("bucket", "curated-bucket");
        source.put("key", BatchManifest.key("orders", batch));
        source.put("versionId", null);
        source.put("etag", head.eTag().replace("\"", ""));
        source.put("size", head.contentLength());
        source.put("landedAt", LANDED.toString());
        state.put("source", source);
        state.put("batch", Map.of("id", batch, "files", members.size()));
        event.put("state", state);
        event.put("executionName", batch);
        return JSON.std.asBytes(event);
    }

    private Map<String, Object> publish() throws IOException {
        var store = new S3ObjectStore(s3);
        var out = new ByteArrayOutputStream();
        new PublishHandler(new Publisher(
                        store,
                        new GlueCatalog(moto.clients().glue(), "pipeline_curated"),
                        "curated-bucket",
                        "quarantine-bucket",
                        false,
                        clock,
                        metricLines.metrics("publish", clock)))
                .handleRequest(new ByteArrayInputStream(event("publish.json")), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private Map<String, Object> recordFailure() throws IOException {
        var out = new ByteArrayOutputStream();
        new RecordFailureHandler(new FailureRecorder(
                        new S3ObjectStore(s3),
                        "quarantine-bucket",
                        clock,
                        new Metrics("SparkPipeline", "record-failure", line -> {}, clock)))
                .handleRequest(new ByteArrayInputStream(event("record-failure.json")), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private String read(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }
}

package dev.sparkpipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.GlueCatalog;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.testing.Fixtures;
import dev.sparkpipeline.core.testing.MetricLines;
import dev.sparkpipeline.recordfailure.RecordFailureHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Publishing on moto_server: the Glue table and partitions from the run's manifest, and the archived source. */
class PublishHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private final MetricLines metricLines = new MetricLines();

    private static final String RUN = "orders-5f2c0d1f6b8b4a0f9e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    private static final String MANIFEST = """
            {"dataset": "orders", "runId": "%s", "source": "s3://landing-bucket/%s",
             "rows": {"in": 4, "out": 4, "rejected": 0, "duplicates": 0},
             "schema": {"order_id": "string", "customer_id": "string", "order_ts": "timestamp", "amount": "decimal(12,2)",
                        "_source_key": "string", "_run_id": "string", "_ingest_time": "timestamp", "ingest_date": "date"},
             "partitions": ["ingest_date=2026-11-22"],
             "files": ["data/ingest_date=2026-11-22/00000-1-part-00000.parquet"],
             "table": {"name": "pipeline_curated.orders", "location": "s3://curated-bucket/orders",
                       "metadata": "s3://curated-bucket/orders/metadata/00001-ab.metadata.json",
                       "snapshot": 4711, "mode": "merge", "replayed": false}}""".formatted(RUN, KEY);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private S3Client s3;
    private GlueClient glue;

    @BeforeEach
    void account() {
        moto.reset();
        s3 = moto.clients().s3();
        glue = moto.clients().glue();
        s3.createBucket(b -> b.bucket("landing-bucket"));
        s3.createBucket(b -> b.bucket("curated-bucket"));
        s3.createBucket(b -> b.bucket("quarantine-bucket"));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("pipeline_curated")));
        s3.putObject(
                b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
    }

    @Test
    void aTableTheCatalogDoesNotKnowIsRegisteredAsIcebergAtTheRunsMetadataAndTheSourceArchived() throws IOException {
        manifest();

        Map<String, Object> summary = invoke(false);

        assertThat(summary)
                .containsEntry("tableCreated", true)
                .containsEntry("curated", "s3://curated-bucket/orders")
                .containsEntry("snapshot", 4711)
                .containsEntry("archived", archive());
        var table = glue.getTable(b -> b.databaseName("pipeline_curated").name("orders"))
                .table();
        assertThat(table.parameters())
                .containsEntry("table_type", "ICEBERG")
                .containsEntry("metadata_location", "s3://curated-bucket/orders/metadata/00001-ab.metadata.json");
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://curated-bucket/orders");
        assertThat(s3.headObject(b -> b.bucket("landing-bucket").key(KEY)).contentLength())
                .as("source kept")
                .isPositive();
    }

    @Test
    void aTableTheJobsCommitsRegisteredIsLeftAsItIs() throws IOException {
        manifest();
        invoke(false);
        glue.updateTable(b -> b.databaseName("pipeline_curated")
                .tableInput(t -> t.name("orders")
                        .parameters(Map.of(
                                "table_type", "ICEBERG",
                                "metadata_location", "s3://curated-bucket/orders/metadata/00002-cd.metadata.json"))));

        Map<String, Object> again = invoke(false);

        assertThat(again).containsEntry("tableCreated", false);
        assertThat(glue.getTable(b -> b.databaseName("pipeline_curated").name("orders"))
                        .table()
                        .parameters())
                .as("a later commit's metadata is never moved back")
                .containsEntry("metadata_location", "s3://curated-bucket/orders/metadata/00002-cd.metadata.json");
    }

    @Test
    void aParquetTableOfTheSameNameIsRefusedWithWhatToDo() throws IOException {
        manifest();
        glue.createTable(b -> b.databaseName("pipeline_curated")
                .tableInput(t -> t.name("orders").parameters(Map.of("classification", "parquet"))));

        assertThatThrownBy(() -> invoke(false))
                .hasMessageContaining("table pipeline_curated.orders in the Glue Data Catalog is not an Iceberg table");
    }

    @Test
    void theSourceIsDeletedOnlyWhenConfiguredAndAfterItsArchiveCopy() throws IOException {
        manifest();
        String archive = archive();

        invoke(true);

        assertThat(s3.listObjectsV2(b -> b.bucket("landing-bucket")).contents()).isEmpty();
        assertThat(s3.getObjectAsBytes(
                                b -> b.bucket("curated-bucket").key(archive.substring("s3://curated-bucket/".length())))
                        .asByteArray())
                .isEqualTo(Fixtures.bytes("data/orders.csv"));
    }

    @Test
    void aPublicationAfterMidnightArchivesUnderTheDayTheFileLanded() throws IOException {
        manifest();

        Map<String, Object> summary = invoke(false, Clock.fixed(Instant.parse("2026-11-23T00:05:00Z"), ZoneOffset.UTC));

        assertThat((String) summary.get("archived")).startsWith("s3://curated-bucket/_processed/2026/11/22/");
    }

    @Test
    void anEarlierFailureOfTheSameObjectIsSupersededSoTheFileIsInOnePlace() throws IOException {
        manifest();
        var failureEvent = new ByteArrayOutputStream();
        new RecordFailureHandler(new FailureRecorder(
                        new S3ObjectStore(s3),
                        "quarantine-bucket",
                        clock,
                        new Metrics("SparkPipeline", "record-failure", line -> {}, clock)))
                .handleRequest(new ByteArrayInputStream(Fixtures.bytes("record-failure.json")), failureEvent, null);
        String failed = (String) JSON.std.mapFrom(failureEvent.toByteArray()).get("reasonUri");

        Map<String, Object> summary = invoke(false);

        assertThat(summary).containsEntry("supersededFailure", failed);
        assertThat(s3.listObjectsV2(b -> b.bucket("quarantine-bucket").prefix("failed/"))
                        .contents())
                .as("failed/ after publishing")
                .isEmpty();
        String archiveReason = s3.getObjectAsBytes(b -> b.bucket("curated-bucket")
                        .key(archive().substring("s3://curated-bucket/".length()) + ".reason.json"))
                .asUtf8String();
        assertThat(archiveReason)
                .contains("\"supersedes\"")
                .contains("JobFailed")
                .contains(failed);
    }

    @Test
    void aRunWithoutAManifestIsAPermanentNotFound() {
        assertThatThrownBy(() -> invoke(false)).isInstanceOf(NotFound.class).hasMessageContaining("_manifests/" + RUN);
    }

    @Test
    void aPublishedFileCountsAsOneCuratedFileOfItsDatasetAndEngine() throws IOException {
        manifest();

        invoke(false);

        Map<String, Object> document = metricLines.documentWith(MetricNames.FILES_CURATED);
        assertThat(document)
                .containsEntry("FilesCurated", 1)
                .containsEntry("Dataset", "orders")
                .containsEntry("Engine", "EMR_SERVERLESS")
                .containsEntry("Function", "publish")
                .doesNotContainKey("FilesFailed");
        assertThat(MetricLines.directive(document))
                .containsEntry("Dimensions", List.of(List.of("Dataset", "Engine"), List.of("Function")));
    }

    @Test
    void theManifestsRowsArePublishedInCuratedRejectedAndDuplicate() throws IOException {
        s3.putObject(
                b -> b.bucket("curated-bucket").key("orders/_manifests/" + RUN + ".json"),
                RequestBody.fromString(MANIFEST.replace(
                        "\"rows\": {\"in\": 4, \"out\": 4, \"rejected\": 0, \"duplicates\": 0}",
                        "\"rows\": {\"in\": 10, \"out\": 6, \"rejected\": 3, \"duplicates\": 1}")));

        invoke(false);

        Map<String, Object> document = metricLines.documentWith(MetricNames.ROWS_IN);
        assertThat(document)
                .containsEntry("RowsIn", 10)
                .containsEntry("RowsCurated", 6)
                .containsEntry("RowsRejected", 3)
                .containsEntry("RowsDuplicate", 1);
        assertThat(MetricLines.definitions(document)).contains(Map.of("Name", "RowsDuplicate", "Unit", "Count"));
    }

    @Test
    void aRunWithoutAManifestPublishesNoMetric() {
        assertThatThrownBy(() -> invoke(false)).isInstanceOf(NotFound.class);

        assertThat(metricLines.lines()).isEmpty();
    }

    private void manifest() {
        s3.putObject(
                b -> b.bucket("curated-bucket").key("orders/_manifests/" + RUN + ".json"),
                RequestBody.fromString(MANIFEST));
    }

    /** The source's archive copy: the day it landed, its own folder, its key. */
    private String archive() {
        String id = ObjectIdentity.of(
                        new S3ObjectStore(s3).head("landing-bucket", KEY, null).orElseThrow())
                .shortId();
        return "s3://curated-bucket/_processed/2026/11/22/" + id + "/" + KEY;
    }

    private Map<String, Object> invoke(boolean deleteSource) throws IOException {
        return invoke(deleteSource, clock);
    }

    private Map<String, Object> invoke(boolean deleteSource, Clock at) throws IOException {
        var store = new S3ObjectStore(s3);
        var out = new ByteArrayOutputStream();
        new PublishHandler(new Publisher(
                        store,
                        new GlueCatalog(glue, "pipeline_curated"),
                        "curated-bucket",
                        "quarantine-bucket",
                        deleteSource,
                        at,
                        metricLines.metrics("publish", at)))
                .handleRequest(new ByteArrayInputStream(Fixtures.bytes("publish.json")), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }
}

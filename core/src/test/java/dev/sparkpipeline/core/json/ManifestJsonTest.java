package dev.sparkpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's one codec; {@link DocumentsTest} reads back every manifest of {@code events/documents/}. */
class ManifestJsonTest {

    @Test
    void theBreakdownOfRejectsIsReadInOrderAndARecordRuleHasNoColumn() {
        Manifest manifest = ManifestJson.read(Fixtures.bytes("documents/manifest-orders-with-rejects.json"));

        assertThat(manifest.rejects())
                .containsExactly(
                        new Manifest.RejectCount(null, "field_count", 1),
                        new Manifest.RejectCount("amount", "not_a_number", 1),
                        new Manifest.RejectCount("order_ts", "not_a_date", 1));
        assertThat(manifest.errors()).endsWith("/_errors/run_id=" + manifest.runId() + "/");
        assertThat(manifest.schema().keySet())
                .startsWith("order_id", "customer_id", "order_ts")
                .endsWith("ingest_date");
    }

    @Test
    void theTableCommitNamesTheTableItsMetadataAndTheSnapshotThatHoldsTheRows() {
        Manifest manifest = ManifestJson.read(Fixtures.bytes("documents/manifest-orders.json"));

        assertThat(manifest.table())
                .isEqualTo(new Manifest.TableCommit(
                        "orders",
                        "s3://curated-bucket/orders",
                        "s3://curated-bucket/orders/metadata/00001-6c2f9a4e-1b3d-4e5f-8a7b-9c0d1e2f3a4b.metadata.json",
                        6147029513816274415L,
                        "merge",
                        false,
                        null));
    }

    @Test
    void aRunWithoutRejectsWritesNoErrorsField() {
        Manifest manifest = ManifestJson.read(Fixtures.bytes("documents/manifest-orders.json"));

        assertThat(manifest.errors()).isNull();
        assertThat(FieldPaths.of(ManifestJson.write(manifest)))
                .doesNotContainKey("errors")
                .containsEntry("rejects", List.of());
    }

    @Test
    void theRejectsFileHoldsTheBreakdownAloneAsTheManifestDoes() {
        var rejects = List.of(
                new Manifest.RejectCount(null, "field_count", 2), new Manifest.RejectCount("amount", "scale", 1));

        assertThat(new String(ManifestJson.writeRejects(rejects), StandardCharsets.UTF_8))
                .isEqualTo("""
                {"rejects":[{"rule":"field_count","count":2},{"column":"amount","rule":"scale","count":1}]}""");
    }

    @Test
    void aManifestWithOnlyWhatPublishingReadsStillReads() {
        Manifest manifest = ManifestJson.read("""
                {"dataset": "orders", "runId": "run-1", "rows": {"in": 4, "out": 3},
                 "schema": {"order_id": "string", "ingest_date": "date"}, "partitions": ["ingest_date=2026-11-22"]}""".getBytes(StandardCharsets.UTF_8));

        assertThat(manifest.rejected()).isZero();
        assertThat(manifest.duplicates()).isZero();
        assertThat(manifest.files()).isEmpty();
        assertThat(manifest.rejects()).isEmpty();
        assertThat(manifest.extraPolicy()).isNull();
        assertThat(manifest.schema())
                .containsExactly(Map.entry("order_id", "string"), Map.entry("ingest_date", "date"));
    }

    @Test
    void aManifestWithoutRowCountsIsRefusedNamingTheField() {
        byte[] manifest = """
                {"dataset": "orders", "runId": "run-1", "rows": {"in": 4}, "partitions": []}""".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestJson.read(manifest))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("rows.out is required and must be a number");
    }

    @Test
    void theLastManifestTheJobLoggedIsTheOneReadFromItsOutput() {
        Manifest first = ManifestJson.read(Fixtures.bytes("documents/manifest-orders.json"));
        Manifest last = ManifestJson.read(Fixtures.bytes("documents/manifest-orders-with-rejects.json"));
        List<String> log = List.of(
                "INFO SparkContext: Running Spark",
                ManifestJson.logLine(first),
                "INFO done",
                ManifestJson.logLine(last),
                "INFO ShutdownHookManager: Shutdown hook called");

        String logged = ManifestJson.lastLogged(log).orElseThrow();

        assertThat(ManifestJson.read(logged.getBytes(StandardCharsets.UTF_8))).isEqualTo(last);
        assertThat(ManifestJson.lastLogged(List.of("Exception in thread \"main\" java.io.IOException")))
                .isEmpty();
    }

    @Test
    void aManifestSitsUnderItsDatasetByRunId() {
        assertThat(Manifest.relativePath("orders-1")).isEqualTo("_manifests/orders-1.json");
    }
}

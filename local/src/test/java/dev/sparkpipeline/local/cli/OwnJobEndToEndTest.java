package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.reliability.LakeInvariant;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a dataset running its own job ({@code order_totals}: the example job in
 * {@code jobs/examples/daily-totals}, from its jar) through the real state machine, and a job that
 * leaves no manifest failing at Publish with its file recorded.
 */
class OwnJobEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @BeforeAll
    static void theExampleJar() {
        ExampleJobJar.ensureBuilt();
    }

    @AfterEach
    void everyLandedFileHasExactlyOneFate() {
        LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
    }

    @Test
    void theExampleJobsDailyTotalsPerCustomerArePublishedAsItsTable() throws IOException {
        CliRun run = drop(sample(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("states").findValuesAsText("name")).containsSubsequence("SubmitJob", "Publish");
        assertThat(lake.resolve("_catalog/order_totals.json"))
                .as("published to the local catalog")
                .isRegularFile();
        JsonNode manifest = JSON.readTree(lake.resolve("curated-bucket/order_totals/_manifests")
                .resolve(result.path("executionName").asText() + ".json")
                .toFile());
        assertThat(manifest.path("rows").path("in").asLong()).isEqualTo(5);
        assertThat(manifest.path("rows").path("out").asLong()).isEqualTo(4);
        assertThat(totals())
                .containsExactlyInAnyOrder(
                        "c-17 2026-11-22 140.49 2",
                        "c-42 2026-11-22 5.00 1",
                        "c-99 2026-11-22 1250.00 1",
                        "c-42 2026-11-23 42.00 1");
    }

    @Test
    void aJobThatLeavesNoManifestFailsAtPublishNamingItAndItsFileIsRecorded() throws IOException {
        Path config = lake.resolveSibling(lake.getFileName() + "-datasets.json");
        Files.writeString(
                config,
                Files.readString(ProjectFiles.root().resolve("config/datasets.json"))
                        .replace("dev.sparkpipeline.examples.DailyTotalsJob", NoManifestJob.class.getName()));

        CliRun run = drop(sample(), "--config", config.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").asText()).isEqualTo("PublishFailed");
        assertThat(result.path("cause").asText())
                .contains("NotFound")
                .contains("no manifest at s3://curated-bucket/order_totals/_manifests/"
                        + result.path("executionName").asText() + ".json");
        assertThat(result.path("files").get(0).path("status").asText()).isEqualTo("FAILED");
        try (Stream<Path> recorded = Files.walk(lake.resolve("quarantine-bucket/failed"))) {
            assertThat(recorded.map(Path::toString)).anyMatch(file -> file.endsWith("order_totals.csv"));
        }
    }

    private List<String> totals() throws IOException {
        var table = new HadoopTables(new Configuration())
                .load(lake.resolve("curated-bucket/order_totals").toString());
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record record : records) {
                rows.add(record.getField("customer_id") + " " + record.getField("day") + " "
                        + ((BigDecimal) record.getField("total")).toPlainString() + " " + record.getField("orders"));
            }
        }
        return rows;
    }

    private CliRun drop(Path file, String... options) {
        return CliRun.of(
                Stream.concat(Stream.of("drop", file.toString(), "--lake", lake.toString()), Stream.of(options))
                        .toArray(String[]::new));
    }

    private static Path sample() {
        return ProjectFiles.root().resolve("events/data/order_totals.csv");
    }
}

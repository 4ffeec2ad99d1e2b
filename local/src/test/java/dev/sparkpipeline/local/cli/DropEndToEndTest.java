package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.reliability.LakeInvariant;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code pipeline-local drop} on sample files through the real state machine: curated output, quarantine, failures, exit codes. */
class DropEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @AfterEach
    void everyLandedFileHasExactlyOneFate() {
        LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
    }

    @Test
    void aGoodCsvEndsInTheIcebergTableWithAManifest() throws IOException {
        CliRun run = drop(sample("data/orders.csv"), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("rows").asLong()).isEqualTo(4);
        assertThat(result.path("states").findValuesAsText("name"))
                .startsWith("ValidateFunction", "CheckInput")
                .containsSubsequence(
                        "SubmitJob", "WaitForJob", "TrackJob", "JobState", "Publish", "EmitSucceededEvent");
        assertThat(lake.resolve("_catalog/orders.json"))
                .as("published to the local catalog")
                .isRegularFile();
        assertThat(result.path("outputs")).isNotEmpty().allSatisfy(output -> {
            assertThat(output.asText())
                    .contains("/curated-bucket/orders/data/order_ts_day=2026-11-22/")
                    .endsWith(".parquet");
            assertThat(Path.of(URI.create(output.asText()))).isRegularFile();
        });
        JsonNode manifest = JSON.readTree(lake.resolve("curated-bucket/orders/_manifests")
                .resolve(result.path("executionName").asText() + ".json")
                .toFile());
        assertThat(manifest.path("rows").path("in").asLong()).isEqualTo(4);
        assertThat(manifest.path("rows").path("out").asLong()).isEqualTo(4);
        assertThat(result.path("table").path("snapshot").asLong())
                .isEqualTo(manifest.path("table").path("snapshot").asLong())
                .isNotZero();
        assertThat(Path.of(URI.create(result.path("table").path("metadata").asText())))
                .as("the table's metadata, where an Iceberg reader opens it")
                .isRegularFile();
    }

    @Test
    void anEmrDropRecordsTheClusterTheOrdersProfileAsksForSpotTaskFleetAndManagedScaling() throws IOException {
        CliRun run = drop(sample("data/orders.csv"), "--engine", "EMR", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).path("states").findValuesAsText("name"))
                .containsSubsequence("ClusterNetwork", "CreateCluster", "SubmitJob", "TerminateClusterAfterJob");
        JsonNode request;
        try (Stream<Path> clusters = Files.list(lake.resolve("_clusters"))) {
            request = JSON.readTree(clusters.findFirst().orElseThrow().toFile()).path("Request");
        }
        JsonNode task = null;
        for (JsonNode fleet : request.path("Instances").path("InstanceFleets")) {
            if (fleet.path("InstanceFleetType").asText().equals("TASK")) {
                task = fleet;
            }
        }
        assertThat(task).as("a task fleet in %s", request).isNotNull();
        assertThat(task.path("TargetSpotCapacity").asInt()).isPositive();
        assertThat(task.path("InstanceTypeConfigs").size()).isGreaterThan(1);
        assertThat(task.path("LaunchSpecifications")
                        .path("SpotSpecification")
                        .path("AllocationStrategy")
                        .asText())
                .isEqualTo("price-capacity-optimized");
        assertThat(task.path("LaunchSpecifications")
                        .path("SpotSpecification")
                        .path("TimeoutAction")
                        .asText())
                .isEqualTo("SWITCH_TO_ON_DEMAND");
        assertThat(request.path("ManagedScalingPolicy")
                        .path("ComputeLimits")
                        .path("UnitType")
                        .asText())
                .isEqualTo("InstanceFleetUnits");
        assertThat(request.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean())
                .as("the request as sent: the stack's part merged in")
                .isTrue();
        assertThat(request.path("ReleaseLabel").asText()).startsWith("emr-");
    }

    @Test
    void anUpdateFileDroppedTwiceLeavesOneRowPerOrderWithItsNewValuesAndAFailedRunChangesNothing() throws IOException {
        drop(sample("data/orders.csv"));
        drop(sample("data/upserts/orders-updates.csv"));
        drop(sample("data/upserts/orders-updates.csv"));
        Table table = new HadoopTables(new Configuration())
                .load(lake.resolve("curated-bucket/orders").toString());
        long snapshot = table.currentSnapshot().snapshotId();

        CliRun failed = drop(sample("data/failing/orders-bad-amounts.csv"));

        assertThat(failed.exitCode()).isEqualTo(1);
        table.refresh();
        assertThat(table.currentSnapshot().snapshotId())
                .as("a failed run commits nothing")
                .isEqualTo(snapshot);
        Map<String, String> orders = new TreeMap<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            rows.forEach(row -> orders.put(
                    (String) row.getField("order_id"), row.getField("amount") + " " + row.getField("status")));
        }
        assertThat(orders)
                .as("read by an independent Iceberg reader from the table's folder")
                .containsExactly(
                        Map.entry("o-1001", "19.99 PAID"),
                        Map.entry("o-1002", "7.50 PAID"),
                        Map.entry("o-1003", "120.50 CHARGED_BACK"),
                        Map.entry("o-1004", "1250.00 PAID, LATE"),
                        Map.entry("o-1005", "42.00 PAID"));

        CliRun maintained = CliRun.of("maintain", "--lake", lake.toString());

        assertThat(maintained.exitCode()).as(maintained.err()).isZero();
        assertThat(maintained.out()).startsWith("orders: compacted ");
        table.refresh();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
            assertThat(rows).as("the same rows, compacted").hasSize(5);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOtherSampleFileIsCuratedWithEveryRow() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.list(ProjectFiles.root().resolve("events/data"))) {
            samples = files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("orders.csv"))
                    .sorted()
                    .toList();
        }
        return samples.stream()
                .map(sample -> DynamicTest.dynamicTest(sample.getFileName().toString(), () -> {
                    Path own = Files.createTempDirectory(lake, "sample");
                    CliRun run = CliRun.of("drop", sample.toString(), "--lake", own.toString(), "--json");

                    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                    JsonNode result = JSON.readTree(run.out());
                    String dataset = sample.getFileName().toString().replaceFirst("[.-].*", "");
                    JsonNode manifest = JSON.readTree(own.resolve("curated-bucket")
                            .resolve(dataset)
                            .resolve("_manifests")
                            .resolve(result.path("executionName").asText() + ".json")
                            .toFile());
                    assertThat(manifest.path("rows").path("rejected").asLong())
                            .as("rejected rows")
                            .isZero();
                    boolean curated = DatasetCatalog.read(ProjectFiles.root().resolve("config/datasets.json"))
                            .named(dataset)
                            .orElseThrow()
                            .job()
                            .curate();
                    if (curated) {
                        assertThat(manifest.path("rows").path("out").asLong())
                                .isEqualTo(manifest.path("rows").path("in").asLong());
                    } else {
                        // A dataset's own job writes what it computes (order_totals: a row per customer and day).
                        assertThat(manifest.path("rows").path("out").asLong()).isPositive();
                    }
                    LakeInvariant.assertEveryLandedObjectHasOneFate(own);
                }));
    }

    @TestFactory
    Stream<DynamicTest> aFileNamedAsPeopleNameFilesIsCuratedWithItsOwnRows() {
        return Stream.of("orders 2026-11-22T08:00:00 [draft] {a,b} *?é%20+.csv", "orders-" + "x".repeat(236) + ".csv")
                .map(name -> DynamicTest.dynamicTest(name.length() > 60 ? name.length() + " characters" : name, () -> {
                    Path own = Files.createTempDirectory(lake, "names");
                    Path file = Files.copy(
                            sample("data/orders.csv"),
                            Files.createDirectories(own.resolve("in")).resolve(name));

                    CliRun run = CliRun.of(
                            "drop",
                            file.toString(),
                            "--lake",
                            own.resolve("lake").toString(),
                            "--json");

                    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                    assertThat(JSON.readTree(run.out()).path("rows").asLong()).isEqualTo(4);
                    LakeInvariant.assertEveryLandedObjectHasOneFate(own.resolve("lake"));
                }));
    }

    @Test
    void aRunWithRejectedAndDuplicateRowsExitsZeroWithACardThatCountsEveryRowAndSaysWhereTheyWent() throws IOException {
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_ts,amount,currency,status\n");
        for (int i = 1; i <= 24; i++) {
            csv.append("o-").append(i).append(",c-1,2026-11-22T08:00:00Z,10.00,EUR,PAID\n");
        }
        csv.append("o-3,c-1,2026-11-22T08:00:00Z,10.00,EUR,PAID\n");
        csv.append("o-99,c-1,2026-11-22T08:00:00Z,not-a-number,EUR,PAID\n");
        Path file = Files.writeString(
                Files.createDirectories(lake.resolveSibling(lake.getFileName() + "-in"))
                        .resolve("orders.csv"),
                csv);

        Path peoplesLake = lake.resolveSibling(lake.getFileName() + "-people");
        CliRun people = CliRun.of("drop", file.toString(), "--lake", peoplesLake.toString());
        assertThat(people.exitCode()).as(people.out() + people.err()).isZero();
        assertThat(people.out())
                .contains("rows: 26 in, 1 rejected, 1 duplicates, 24 curated")
                .contains("amount")
                .contains("_errors/")
                .containsPattern("TrackJob x\\d+ .*-> SUCCEEDED")
                .contains("cost: ")
                .contains("time: CheckInput")
                .contains("report: file:");

        JsonNode result = JSON.readTree(drop(file, "--json").out());
        assertThat(result.path("dataset").asText()).isEqualTo("orders");
        assertThat(result.path("engine").asText()).isEqualTo("EMR_SERVERLESS");
        assertThat(result.path("rowCounts").toString())
                .isEqualTo("{\"in\":26,\"rejected\":1,\"duplicates\":1,\"curated\":24}");
        assertThat(result.path("rejectReasons").get(0).path("count").asLong()).isEqualTo(1);
        assertThat(result.path("rejectReasons").get(0).path("reason").asText()).startsWith("amount");
        assertThat(result.path("errors")).hasSize(1);
        assertThat(result.path("manifests")).hasSize(1);
        assertThat(result.path("cost").path("estimatedUsd").asDouble()).isPositive();
        assertThat(result.path("cost").path("basis").asText()).contains("vCPU-hours x 0.052624 USD");
        assertThat(result.path("stages").findValuesAsText("stage"))
                .containsSubsequence("CheckInput", "SubmitJob", "TrackJob", "Publish");
        Path page = Path.of(URI.create(result.path("report").asText()));
        assertThat(page).startsWith(lake.resolve("_reports")).isRegularFile();
        assertThat(Files.readString(page)).contains(result.path("executionName").asText());
        LakeInvariant.assertEveryLandedObjectHasOneFate(peoplesLake);
    }

    @Test
    void aReDropOfACuratedFileShowsTheEarlierRunsCardAndWritesNoNewReport() throws IOException {
        assertThat(drop(sample("data/orders.csv")).exitCode()).isZero();

        CliRun again = drop(sample("data/orders.csv"), "--json");

        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode result = JSON.readTree(again.out());
        assertThat(result.path("duplicateOf").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("rowCounts").path("curated").asLong()).isEqualTo(4);
        assertThat(result.has("report")).as("nothing ran, so no new page").isFalse();
    }

    @Test
    void aFileThatBreaksARuleIsQuarantinedWithAReasonAndExitsOne() throws IOException {
        JsonNode result = dropThatExitsOne(sample("data/bad/orders-missing-columns.csv"), "QUARANTINED");

        JsonNode reason = JSON.readTree(
                Path.of(URI.create(result.path("quarantine").asText())).toFile());
        assertThat(reason.path("rule").asText()).isEqualTo("MISSING_COLUMNS");
        assertThat(result.path("rule").asText()).isEqualTo("MISSING_COLUMNS");
        assertThat(result.path("message").asText())
                .isEqualTo(reason.path("message").asText())
                .isNotEmpty();
        assertThat(result.path("files").get(0).path("rule").asText()).isEqualTo("MISSING_COLUMNS");
        assertThat(lake.resolve("curated-bucket")).doesNotExist();
    }

    @Test
    void aJobThatFailsIsRecordedAsFailedAndExitsOne() throws IOException {
        // Valid to the landing rules; two of three amounts are not numbers, which the job refuses.
        JsonNode result = dropThatExitsOne(sample("data/failing/orders-bad-amounts.csv"), "FAILED");

        assertThat(result.path("error").asText()).isEqualTo("JobFailed");
        assertThat(result.path("cause").asText()).contains("2 of 3 rows do not fit dataset orders");
        assertThat(result.path("states").findValuesAsText("name")).contains("RecordFailure", "NotifyFailure");
        try (Stream<Path> failed = Files.walk(lake.resolve("quarantine-bucket/failed"))) {
            assertThat(failed.map(Path::toString))
                    .anyMatch(name -> name.endsWith("orders-bad-amounts.csv.reason.json"));
        }
        assertThat(lake.resolve("curated-bucket/orders/data"))
                .as("no row reached the table")
                .doesNotExist();
    }

    @Test
    void anUnreadableFileIsAUsageErrorWithOneLineOnStderr() {
        CliRun run = drop(lake.resolve("does-not-exist.csv"));

        assertThat(run.usageError()).startsWith("pipeline-local: cannot read");
    }

    @Test
    void anUnknownDatasetIsAUsageError() {
        CliRun run = drop(sample("data/orders.csv"), "--dataset", "invoices");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown dataset invoices");
    }

    @Test
    void aReDropOfAFailedFileExitsAsTheFailedRunDid() throws IOException {
        drop(sample("data/failing/orders-bad-amounts.csv"), "--json");

        CliRun again = drop(sample("data/failing/orders-bad-amounts.csv"), "--json");

        assertThat(again.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(again.out());
        assertThat(result.path("duplicateOf").path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").asText()).isEqualTo("JobFailed");
    }

    @Test
    void aReDropAfterARunWhoseRunnerDiedRecordsThatRunAsAbortedAndRunsTheFileAgain() throws Exception {
        JsonNode first = JSON.readTree(drop(sample("data/orders.csv"), "--json").out());
        String name = first.path("executionName").asText();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path entry = lake.resolve("_runs").resolve(name + ".json");
        var ledger = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(entry.toFile());
        Files.write(
                entry, JSON.writeValueAsBytes(ledger.put("status", "RUNNING").put("runnerPid", gone.pid())));

        CliRun again = drop(sample("data/orders.csv"), "--json");

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        JsonNode result = JSON.readTree(again.out());
        assertThat(result.path("executionName").asText()).isEqualTo(name);
        assertThat(result.path("states").findValuesAsText("name")).contains("SubmitJob", "Publish");
        assertThat(JSON.readTree(entry.toFile()).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    /** The JSON result of a drop of {@code file} that must exit 1, ending as {@code status}. */
    private JsonNode dropThatExitsOne(Path file, String status) throws IOException {
        CliRun run = drop(file, "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo(status);
        return result;
    }

    private CliRun drop(Path file, String... options) {
        return CliRun.of(
                Stream.concat(Stream.of("drop", file.toString(), "--lake", lake.toString()), Stream.of(options))
                        .toArray(String[]::new));
    }

    private static Path sample(String relative) {
        return ProjectFiles.root().resolve("events").resolve(relative);
    }
}

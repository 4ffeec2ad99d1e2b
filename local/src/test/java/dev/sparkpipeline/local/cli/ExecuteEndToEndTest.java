package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline-local execute}: the template's state machine on the local interpreter, the
 * template's functions in-process, the curate job on local Spark.
 */
class ExecuteEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "orders/2026/11/22/orders-001.csv";

    @TempDir
    Path lake;

    @Test
    void aManualExecutionRunsTheWholeStateMachinePublishesAndEndsWithItsCard() throws IOException {
        land(ProjectFiles.root().resolve("events/data/orders.csv"));

        CliRun run = execute(input(null));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(names(result))
                .containsSubsequence(
                        "CheckInput",
                        "SubmitJob",
                        "WaitForJob",
                        "TrackJob",
                        "JobState",
                        "Publish",
                        "EmitSucceededEvent");
        assertThat(result.path("rows").asLong()).isEqualTo(4);
        JsonNode table = JSON.readTree(lake.resolve("_catalog/orders.json").toFile());
        assertThat(table.path("format").asText()).isEqualTo("iceberg");
        assertThat(table.path("location").asText()).endsWith("/curated-bucket/orders");
        assertThat(files(lake.resolve("_outbox/events"))).hasSize(1);
        assertThat(lake.resolve("curated-bucket/_processed/")).isDirectory();
        // Its card: a Spark run costs time, so the same run shows it.
        assertThat(result.path("dataset").asText()).isEqualTo("orders");
        assertThat(result.path("cost").path("estimatedUsd").asDouble()).isPositive();
        assertThat(result.path("stages").findValuesAsText("stage")).contains("TrackJob", "Publish");
        assertThat(Path.of(URI.create(result.path("report").asText()))).isRegularFile();
    }

    @Test
    void anEmrExecutionCreatesAndTerminatesItsLocalCluster() throws IOException {
        land(ProjectFiles.root().resolve("events/data/orders.csv"));

        CliRun run = execute(input("EMR"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(names(JSON.readTree(run.out()))).contains("CreateCluster", "TerminateClusterAfterJob");
        assertThat(JSON.readTree(run.out()).path("warnings").toString())
                .as("the template's EmrSubnetId is empty: deployed, this cluster would not start")
                .contains("EmrSubnetId");
        List<Path> clusters = files(lake.resolve("_clusters"));
        assertThat(clusters)
                .singleElement()
                .satisfies(cluster -> assertThat(
                                JSON.readTree(cluster.toFile()).path("State").asText())
                        .isEqualTo("TERMINATED"));
        JsonNode request = JSON.readTree(clusters.get(0).toFile()).path("Request");
        assertThat(request.path("Instances").path("InstanceFleets").findValuesAsText("InstanceFleetType"))
                .as("the orders dataset's fleets")
                .containsExactly("MASTER", "CORE", "TASK");
        assertThat(request.path("ManagedScalingPolicy")
                        .path("ComputeLimits")
                        .path("MaximumCapacityUnits")
                        .asInt())
                .isEqualTo(20);
    }

    @Test
    void aJobThatFailsIsRecordedNotifiedAndFailsWithItsReason() throws IOException {
        Path bad = lake.resolve("bad.csv");
        Files.writeString(
                bad,
                "order_id,customer_id,order_ts,amount\no-1,c-1,2026-11-22T08:00:00Z,x\no-2,c-1,2026-11-22T08:00:00Z,y\n");
        land(bad);

        CliRun run = execute(input("GLUE"));

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("error").asText()).isEqualTo("JobFailed");
        assertThat(result.has("warnings")).as("Glue needs no subnet").isFalse();
        assertThat(result.path("cause").asText()).contains("2 of 2 rows do not fit dataset orders");
        assertThat(names(result)).contains("RecordFailure", "NotifyFailure");
        assertThat(files(lake.resolve("_outbox/sns"))).hasSize(1);
        try (Stream<Path> failed = Files.walk(lake.resolve("quarantine-bucket/failed"))) {
            assertThat(failed.map(Path::toString)).anyMatch(name -> name.endsWith(".reason.json"));
        }
    }

    @Test
    void aMalformedInputFailsAtTheFirstStateNamingTheField() throws IOException {
        ObjectNode input = input(null);
        input.remove("dataset");

        CliRun run = execute(input);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("error").asText()).isEqualTo("InvalidInput");
        assertThat(result.path("cause").asText()).contains("dataset");
        assertThat(lake.resolve("curated-bucket")).doesNotExist();
    }

    @Test
    void anInputOverTheStateLimitIsRefusedWithAUsageError() throws IOException {
        ObjectNode input = input(null);
        input.put("padding", "x".repeat(300_000));

        CliRun run = execute(input);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("at most 262144").doesNotContain("\tat ");
    }

    @Test
    void anUnreadableInputIsAUsageError() {
        CliRun run = CliRun.of("execute", "-i", lake.resolve("missing.json").toString(), "--lake", lake.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }

    private ObjectNode input(String engine) throws IOException {
        ObjectNode input = (ObjectNode) JSON.readTree(
                ProjectFiles.root().resolve("events/manual-execution.json").toFile());
        if (engine != null) {
            input.put("engine", engine);
        }
        return input;
    }

    private CliRun execute(JsonNode input) throws IOException {
        Path file = lake.resolve("input.json");
        JSON.writeValue(file.toFile(), input);
        return CliRun.of(
                "execute",
                "-i",
                file.toString(),
                "--lake",
                lake.toString(),
                "--template",
                ProjectFiles.template().toString(),
                "--json");
    }

    private void land(Path file) throws IOException {
        Path target = lake.resolve("landing-bucket").resolve(KEY);
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }

    private static List<String> names(JsonNode result) {
        return result.path("states").findValuesAsText("name");
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}

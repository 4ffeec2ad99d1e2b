package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.reliability.LakeInvariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code pipeline-local replay} re-runs a file its job failed (two of three amounts are
 * not numbers), through the template's replay function and the real state machine: under a new
 * execution name, its record marked, at most once per record, and each landed file keeps exactly
 * one fate.
 */
class ReplayEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    private String key;
    private String failedExecution;

    @BeforeEach
    void aFileFailed() throws IOException {
        CliRun drop = CliRun.of(
                "drop",
                ProjectFiles.root()
                        .resolve("events/data/failing/orders-bad-amounts.csv")
                        .toString(),
                "--lake",
                lake.toString(),
                "--json");
        assertThat(drop.exitCode()).as(drop.err() + drop.out()).isEqualTo(1);
        JsonNode file = JSON.readTree(drop.out()).path("files").get(0);
        assertThat(file.path("status").asText()).isEqualTo("FAILED");
        key = file.path("key").asText();
        failedExecution = file.path("execution").asText();
    }

    @AfterEach
    void everyLandedFileHasExactlyOneFate() {
        LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
    }

    @Test
    void aFailedFileReplayedOnceItsDatasetIsFixedIsCuratedUnderANewExecutionName() throws IOException {
        // The fix: the dataset now accepts a file with most rows rejected.
        Path config = Files.writeString(
                lake.resolveSibling(lake.getFileName() + "-datasets.json"),
                Files.readString(ProjectFiles.root().resolve("config/datasets.json"))
                        .replace("\"maxErrorRatio\": 0.05", "\"maxErrorRatio\": 0.9"));

        CliRun run = replay(
                key, "--dataset", "orders", "--since", today().toString(), "--config", config.toString(), "--json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = JSON.readTree(run.out());
        JsonNode file = result.path("files").get(0);
        assertThat(file.path("status").asText()).isEqualTo("CURATED");
        assertThat(file.path("execution").asText())
                .startsWith("orders-replay-")
                .isNotEqualTo(failedExecution)
                .hasSizeLessThanOrEqualTo(80);
        assertThat(result.path("replays").get(0).path("replayOf").asText()).isEqualTo(failedExecution);
        assertThat(result.path("rows").asLong()).isEqualTo(1);
        assertThat(reasonDocuments("quarantine-bucket/failed"))
                .as("the failure record no longer counts: publishing removed it")
                .isEmpty();
    }

    @Test
    void aReplayThatFailsAgainLeavesTheRecordNamingTheReplayAndTheFailureBefore() throws IOException {
        CliRun run = replay("--json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        String replayName =
                JSON.readTree(run.out()).path("files").get(0).path("execution").asText();
        JsonNode record =
                JSON.readTree(reasonDocuments("quarantine-bucket/failed").get(0).toFile());
        assertThat(record.path("executionName").asText()).isEqualTo(replayName);
        assertThat(record.path("earlierFailures").get(0).path("executionName").asText())
                .isEqualTo(failedExecution);
        assertThat(record.has("replayed"))
                .as("a later replay gets a name of its own")
                .isFalse();
    }

    @Test
    void theRecordIsMarkedReplayedWithTheNewExecutionsName() throws IOException {
        JsonNode started = invokeReplayFunction();

        JsonNode record =
                JSON.readTree(reasonDocuments("quarantine-bucket/failed").get(0).toFile());
        assertThat(record.path("replayed").path("execution").asText())
                .isEqualTo(started.path("files").get(0).path("execution").asText());
        assertThat(record.path("executionName").asText()).isEqualTo(failedExecution);
    }

    @Test
    void aSecondReplayOfTheSameRecordIsADuplicateAndRunsItOnce() throws IOException {
        String first =
                invokeReplayFunction().path("files").get(0).path("execution").asText();

        CliRun again = replay("--json");

        JsonNode result = JSON.readTree(again.out());
        assertThat(result.path("replays").get(0).path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(result.path("executions"))
                .singleElement()
                .satisfies(name -> assertThat(name.asText()).isEqualTo(first));
        try (Stream<Path> runs = Files.list(lake.resolve("_runs"))) {
            assertThat(runs.filter(entry -> entry.getFileName().toString().contains("-replay-")))
                    .hasSize(1);
        }
    }

    @Test
    void anotherDatasetTakesNoRecord() throws IOException {
        assertNothingReplayed(replay("--dataset", "customers", "--json"));
    }

    @Test
    void failuresBeforeTheDayAreNotTaken() throws IOException {
        assertNothingReplayed(replay("--since", today().plusDays(1).toString(), "--json"));
    }

    @Test
    void anotherKeyTakesNoRecord() throws IOException {
        assertNothingReplayed(replay("orders/2026/11/22/other.csv", "--json"));
    }

    private void assertNothingReplayed(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("replays")).isEmpty();
        assertThat(result.path("executions")).isEmpty();
        JsonNode record =
                JSON.readTree(reasonDocuments("quarantine-bucket/failed").get(0).toFile());
        assertThat(record.has("replayed")).isFalse();
    }

    /** {@code invoke ReplayFunction}: the function alone, which marks the record and starts the replay without running it. */
    private JsonNode invokeReplayFunction() throws IOException {
        Path event = Files.writeString(lake.resolveSibling(lake.getFileName() + "-replay.json"), "{}");
        CliRun invoke =
                CliRun.of("invoke", "ReplayFunction", "-e", event.toString(), "--lake", lake.toString(), "--json");
        assertThat(invoke.exitCode()).as(invoke.err() + invoke.out()).isZero();
        return JSON.readTree(invoke.out()).path("response");
    }

    private CliRun replay(String... options) {
        return CliRun.of(Stream.concat(Stream.of("replay", "--lake", lake.toString()), Stream.of(options))
                .toArray(String[]::new));
    }

    private List<Path> reasonDocuments(String folder) throws IOException {
        Path root = lake.resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".reason.json"))
                    .toList();
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}

package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping {@code drop} mid-run (SIGTERM, as Ctrl-C or a process manager sends) stops the
 * execution as StopExecution does: the ledger records it aborted, the reconciler the template
 * routes the status change to stops the local job, and the file is recorded under failed/ as
 * stopped by user. Nothing keeps running.
 */
class StopByUserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aDropStoppedWhileItsJobRunsIsRecordedAbortedWithItsJobStopped() throws Exception {
        Path lake = work.resolve("lake");
        Process drop = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PipelineLocal.class.getName(),
                        "drop",
                        ProjectFiles.root().resolve("events/data/orders.csv").toString(),
                        "--lake",
                        lake.toString()))
                .directory(ProjectFiles.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("drop.log").toFile())
                .start();
        try {
            Path jobLog = awaitFile(lake.resolve("_logs/jobs"), Duration.ofSeconds(90));
            String runId = jobLog.getFileName().toString().replace(".log", "");

            drop.destroy();

            assertThat(drop.waitFor(60, TimeUnit.SECONDS))
                    .as("the runner stops")
                    .isTrue();
            JsonNode ledger =
                    JSON.readTree(lake.resolve("_runs").resolve(runId + ".json").toFile());
            assertThat(ledger.path("status").asText()).isEqualTo("ABORTED");
            assertThat(ledger.path("cause").asText()).contains("stopped by user");
            Path reason = reasonUnder(lake.resolve("quarantine-bucket/failed"))
                    .orElseThrow(() ->
                            new AssertionError("no failure record; runner output: " + read(work.resolve("drop.log"))));
            JsonNode record = JSON.readTree(reason.toFile());
            assertThat(record.path("kind").asText()).isEqualTo("ExecutionAborted");
            assertThat(record.path("cause").asText()).contains("stopped by user");
            assertThat(jobsOf(runId))
                    .as("local job JVMs of the run still alive")
                    .isEmpty();
        } finally {
            drop.destroyForcibly();
        }
    }

    private static Path awaitFile(Path folder, Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    Optional<Path> first = files.filter(file -> file.toString().endsWith(".log"))
                            .findFirst();
                    if (first.isPresent()) {
                        return first.get();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no local job started within " + timeout);
    }

    private static Optional<Path> reasonUnder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".reason.json"))
                    .findFirst();
        }
    }

    private static List<ProcessHandle> jobsOf(String runId) throws InterruptedException {
        // The job's JVM may take a moment to finish its own shutdown after the signal.
        Instant deadline = Instant.now().plusSeconds(20);
        List<ProcessHandle> alive;
        do {
            alive = ProcessHandle.allProcesses()
                    .filter(process -> process.info()
                            .arguments()
                            .map(arguments -> List.of(arguments).contains(runId))
                            .orElse(false))
                    .toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return alive;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}

package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.cli.PipelineLocal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline writes about files (function logs, metrics, reason documents, notifications,
 * events, the CLI's output) names them and says what is wrong with them, but never carries their
 * rows: files whose every data row holds a marker go through a quarantine, a failed job and a
 * success, and no marker may appear outside the data's own places (landing, curated, the copies).
 */
class NoDataInLogsTest {

    private static final String MARKER = "ROWDATA-7f3a";

    @TempDir
    static Path lake;

    private static final StringWriter cliOutput = new StringWriter();

    @BeforeAll
    static void dropFilesWhoseRowsAreMarked() throws IOException {
        Path work = Files.createDirectories(lake.resolve("_inputs"));
        // Quarantined by a content rule: the header lacks a column the dataset needs.
        Files.writeString(
                work.resolve("orders-missing.csv"), "order_id,customer_id,amount\no-1," + MARKER + "-1,1.00\n");
        // A job that fails: two of three amounts are not numbers.
        Files.writeString(
                work.resolve("orders-failing.csv"),
                "order_id,customer_id,order_ts,amount\n"
                        + "o-1," + MARKER + "-2,2026-11-22T08:00:00Z,x\no-2," + MARKER + "-3,2026-11-22T08:00:00Z,y\n"
                        + "o-3," + MARKER + "-4,2026-11-22T08:00:00Z,1.00\n");
        // A success.
        Files.writeString(
                work.resolve("orders-good.csv"),
                "order_id,customer_id,order_ts,amount\n"
                        + "o-1," + MARKER + "-5,2026-11-22T08:00:00Z,1.00\no-2," + MARKER
                        + "-6,2026-11-22T08:00:00Z,2.00\n"
                        + "o-3," + MARKER + "-7,2026-11-22T08:00:00Z,3.00\n");
        for (String file : List.of("orders-missing.csv", "orders-failing.csv", "orders-good.csv")) {
            var commandLine = PipelineLocal.commandLine();
            commandLine.setOut(new PrintWriter(cliOutput));
            commandLine.setErr(new PrintWriter(cliOutput));
            commandLine.execute(
                    "drop",
                    work.resolve(file).toString(),
                    "--lake",
                    lake.toString(),
                    "--template",
                    ProjectFiles.template().toString(),
                    "--json");
        }
    }

    @Test
    void theRunsTookTheirThreePaths() throws IOException {
        assertThat(cliOutput.toString())
                .contains("\"status\":\"QUARANTINED\"", "\"status\":\"FAILED\"", "\"status\":\"SUCCEEDED\"");
        LakeInvariant.assertEveryLandedObjectHasOneFate(lake);
        assertThat(filesUnder(lake.resolve("quarantine-bucket")))
                .anyMatch(file -> file.toString().endsWith(".reason.json"));
    }

    @Test
    void noRowReachesTheLogsTheReasonsTheNotificationsOrTheOutput() throws IOException {
        List<Path> written = Stream.of("_logs", "_outbox", "_catalog", "_clusters")
                .map(lake::resolve)
                .filter(Files::isDirectory)
                .flatMap(NoDataInLogsTest::filesUnder)
                .toList();
        List<Path> reasons = filesUnder(lake.resolve("quarantine-bucket"))
                .filter(file -> file.toString().endsWith(".reason.json"))
                .toList();

        assertThat(written).isNotEmpty();
        assertThat(reasons).hasSize(2);
        for (Path file : concat(written, reasons)) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as(lake.relativize(file).toString())
                    .doesNotContain(MARKER);
        }
        assertThat(cliOutput.toString()).doesNotContain(MARKER);
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static Stream<Path> filesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

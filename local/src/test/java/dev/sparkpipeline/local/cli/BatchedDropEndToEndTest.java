package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.reliability.LakeInvariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code drop} of a folder of 60 orders files (orders is a batched dataset): 58 good ones, one
 * with too many bad rows and one empty. The empty one is quarantined on landing; the other 59 wait
 * on the intake queue, the batcher closes them into one batch, and its one execution curates the 58
 * and fails the bad one with its own reason. The drop runs once; each test reads one outcome of it.
 */
class BatchedDropEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GOOD = 58;

    @TempDir
    static Path work;

    private static CliRun run;
    private static JsonNode result;

    @BeforeAll
    static void dropSixtyFilesAtOnce() throws IOException {
        Path folder = Files.createDirectories(work.resolve("orders"));
        for (int i = 0; i < GOOD; i++) {
            Files.writeString(
                    folder.resolve(String.format("orders-%03d.csv", i)),
                    "order_id,customer_id,order_ts,amount\n"
                            + String.format("o-%03d-a,c-1,2026-11-22T08:00:00Z,1.00%n", i)
                            + String.format("o-%03d-b,c-2,2026-11-22T09:00:00Z,2.50%n", i));
        }
        Files.writeString(
                folder.resolve("orders-bad-amounts.csv"),
                "order_id,customer_id,order_ts,amount\n"
                        + "o-bad-1,c-1,2026-11-22T08:00:00Z,not-a-number\n"
                        + "o-bad-2,c-1,2026-11-22T08:00:00Z,also-not\n"
                        + "o-bad-3,c-1,2026-11-22T08:00:00Z,1.00\n");
        Files.writeString(folder.resolve("orders-empty.csv"), "");

        long started = System.nanoTime();
        run = CliRun.of(
                "drop", folder.toString(), "--lake", work.resolve("lake").toString(), "--json");
        System.out.printf(
                "BatchedDropEndToEndTest: the drop of 60 files took %.1f s%n", (System.nanoTime() - started) / 1e9);
        result = JSON.readTree(run.out());
    }

    @Test
    void theFiftyNineAcceptedFilesRunAsOneExecution() {
        assertThat(result.path("executions")).as(run.out() + run.err()).hasSize(1);
        String batch = result.path("executions").path(0).asText();
        assertThat(batch).startsWith("orders-batch-");
        assertThat(files("CURATED"))
                .hasSize(GOOD)
                .allSatisfy(file -> assertThat(file.path("execution").asText()).isEqualTo(batch));
    }

    @Test
    void theGoodFilesRowsAreCurated() {
        assertThat(result.path("rows").asLong()).isEqualTo(2L * GOOD);
    }

    @Test
    void theFileWithTooManyBadRowsFailsAloneWithItsReason() {
        assertThat(files("FAILED")).singleElement().satisfies(file -> {
            assertThat(file.path("key").asText()).endsWith("/orders-bad-amounts.csv");
            assertThat(file.path("reason").asText()).contains("2 of 3 rows do not fit dataset orders");
            assertThat(file.path("execution").asText())
                    .isEqualTo(result.path("executions").path(0).asText());
        });
    }

    @Test
    void theEmptyFileIsQuarantinedOnLandingAndGoesToNoExecution() {
        assertThat(files("QUARANTINED")).singleElement().satisfies(file -> {
            assertThat(file.path("key").asText()).endsWith("/orders-empty.csv");
            assertThat(file.path("execution").isNull()).isTrue();
            assertThat(file.path("rule").asText()).isEqualTo("EMPTY_FILE");
        });
    }

    @Test
    void theDropNamesNoSingleExecutionAsNotEveryFileWentToIt() {
        assertThat(result.path("executions")).hasSize(1);
        assertThat(result.path("executionName").isNull()).isTrue();
    }

    @Test
    void aDropWithAFailedFileExitsOne() {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("files")).hasSize(GOOD + 2);
    }

    @Test
    void everyLandedFileIsInExactlyOnePlace() {
        LakeInvariant.assertEveryLandedObjectHasOneFate(work.resolve("lake"));
    }

    @Test
    void theQueueIsEmptyOnceTheDropEnds() throws IOException {
        Path queue = work.resolve("lake/_queues/intake");
        try (var messages = Files.list(queue)) {
            assertThat(messages).isEmpty();
        }
    }

    private static List<JsonNode> files(String status) {
        List<JsonNode> files = new ArrayList<>();
        StreamSupport.stream(result.path("files").spliterator(), false)
                .filter(file -> file.path("status").asText().equals(status))
                .forEach(files::add);
        return files;
    }
}

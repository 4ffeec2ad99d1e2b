package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the metrics a drop publishes through the real state machine, as the lake's
 * {@code _logs/metrics.log} holds them (on AWS, the functions' log groups): each function's, for
 * the file's dataset, the track function's included, whose dataset the state machine passes.
 */
class DropMetricsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @Test
    void aCuratedFileIsCountedCuratedWithItsRowsForItsDatasetAndEngine() throws IOException {
        drop("data/orders.csv");

        JsonNode published = document(MetricNames.FILES_CURATED);
        assertThat(published.path("Dataset").asText()).isEqualTo("orders");
        assertThat(published.path("Engine").asText()).isNotEmpty();
        assertThat(published.path("FilesCurated").asInt()).isEqualTo(1);
        assertThat(published.path("RowsIn").asInt()).isEqualTo(4);
        assertThat(published.path("RowsCurated").asInt()).isEqualTo(4);
    }

    @Test
    void theLastPollOfTheJobIsPublishedForTheFilesDataset() throws IOException {
        drop("data/orders.csv");

        JsonNode lastPoll = document(MetricNames.QUEUE_SECONDS);
        assertThat(lastPoll.path("Dataset").asText()).isEqualTo("orders");
        assertThat(lastPoll.path("Function").asText()).isEqualTo("track");
        assertThat(lastPoll.has(MetricNames.JOB_DURATION_SECONDS)).isTrue();
    }

    @Test
    void aFileWhoseJobFailsIsCountedFailedOnce() throws IOException {
        // Valid to the landing rules; two of three amounts are not numbers, which the job refuses.
        drop("data/failing/orders-bad-amounts.csv");

        JsonNode failed = document(MetricNames.FILES_FAILED);
        assertThat(failed.path("Dataset").asText()).isEqualTo("orders");
        assertThat(failed.path("Function").asText()).isEqualTo("record-failure");
        assertThat(failed.path("FilesFailed").asInt()).isEqualTo(1);
    }

    private void drop(String sample) {
        CliRun.of("drop", ProjectFiles.root().resolve("events").resolve(sample).toString(), "--lake", lake.toString());
    }

    /** The one metric document in the lake's metrics log that carries {@code metric}. */
    private JsonNode document(String metric) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : Files.readAllLines(lake.resolve("_logs/metrics.log"))) {
            JsonNode document = JSON.readTree(line);
            if (document.has("_aws") && document.has(metric)) {
                documents.add(document);
            }
        }
        assertThat(documents).as(metric).hasSize(1);
        return documents.get(0);
    }
}

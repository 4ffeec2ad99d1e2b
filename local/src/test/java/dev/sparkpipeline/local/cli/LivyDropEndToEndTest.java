package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drop --engine EMR_LIVY}: the file takes the state machine's Livy branch (a transient
 * cluster with Spark and Livy, created and terminated) and its job runs on local Spark.
 */
class LivyDropEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aDropOnEmrLivyIsCuratedOnATransientClusterThatListsLivyAndIsTerminated() throws IOException {
        Path lake = work.resolve("lake");

        CliRun run = CliRun.of(
                "drop",
                ProjectFiles.root().resolve("events/data/orders.csv").toString(),
                "--engine",
                "emr_livy",
                "--lake",
                lake.toString(),
                "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.toString()).contains("SUCCEEDED").doesNotContain("FAILED");
        assertThat(result.findValuesAsText("name"))
                .containsSubsequence("CreateCluster", "SubmitJob", "TrackJob", "TerminateClusterAfterJob", "Publish");
        List<Path> clusters;
        try (Stream<Path> files = Files.list(lake.resolve("_clusters"))) {
            clusters = files.toList();
        }
        assertThat(clusters).singleElement().satisfies(file -> {
            JsonNode cluster = JSON.readTree(file.toFile());
            assertThat(cluster.path("State").asText()).isEqualTo("TERMINATED");
            assertThat(cluster.path("Request").path("Applications").findValuesAsText("Name"))
                    .contains("Spark", "Livy");
        });
    }

    @Test
    void anEngineNobodyDescribedIsAOneLineUsageErrorListingTheKnownOnes() {
        CliRun run = CliRun.of(
                "drop",
                ProjectFiles.root().resolve("events/data/orders.csv").toString(),
                "--engine",
                "emr_livvy",
                "--lake",
                work.resolve("lake").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("EMR_LIVY", "emr_livvy");
    }
}

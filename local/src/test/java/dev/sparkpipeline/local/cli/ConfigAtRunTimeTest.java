package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datasets configuration is read when a command runs: checked by check-config, chosen by --config, no rebuild. */
class ConfigAtRunTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void checkConfigAcceptsTheRepositorysConfiguration() {
        CliRun run = CliRun.of(
                "check-config",
                ProjectFiles.root().resolve("config/datasets.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).endsWith("datasets.json: valid, 3 datasets (customers, order_totals, orders)");
    }

    @Test
    void checkConfigRefusesABadConfigurationWithOneLineNamingTheField() throws IOException {
        Path config = repositoryConfigurationWith("\"required\": false", "\"requierd\": false");

        CliRun run = CliRun.of("check-config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("pipeline-local: " + config + ": datasets.orders.columns[4].requierd: unknown field "
                        + "(did you mean required?); fields here: name, type, required, format, timeZone");
    }

    @Test
    void checkConfigOfAFileThatIsNotThereIsAUsageError() {
        CliRun run = CliRun.of("check-config", dir.resolve("none.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("pipeline-local: no datasets configuration at ");
    }

    @Test
    void dropRunsADatasetOfTheConfigurationItIsGivenThroughTheValidatorAndTheJob() throws IOException {
        Path config = Files.writeString(dir.resolve("weather.json"), """
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1, "maxBytes": 100000,
                              "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 10,
                              "maxErrorRatio": 0.5, "partitionBy": ["ingest_date"]},
                 "datasets": {"weather": {"prefix": "weather/", "columns": [
                    {"name": "day", "type": "date", "required": true}, {"name": "rain_mm", "type": "int"}]}}}
                """);
        Path file = Files.writeString(
                dir.resolve("weather.csv"), "day,rain_mm\n2016-03-05,0\n2016-03-06,1.5\n2016-03-07,4\n");

        CliRun run = CliRun.of(
                "drop",
                file.toString(),
                "--lake",
                dir.resolve("lake").toString(),
                "--config",
                config.toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("rows").asLong()).isEqualTo(2);
        JsonNode manifest = JSON.readTree(dir.resolve("lake/curated-bucket/weather/_manifests")
                .resolve(result.path("executionName").asText() + ".json")
                .toFile());
        assertThat(manifest.path("rejects").get(0).path("rule").asText()).isEqualTo("fraction");
    }

    @Test
    void aBadConfigurationStopsADropBeforeAnythingLands() throws IOException {
        Path config = repositoryConfigurationWith("\"key\": [\"order_id\"]", "\"key\": [\"id\"]");

        CliRun run = CliRun.of(
                "drop",
                ProjectFiles.root().resolve("events/data/orders.csv").toString(),
                "--lake",
                dir.resolve("lake").toString(),
                "--config",
                config.toString());

        assertThat(run.usageError()).contains("datasets.orders.key: id is not a column of the dataset");
        assertThat(dir.resolve("lake")).doesNotExist();
    }

    /** The repository's datasets configuration with {@code text} replaced, as a file of the test's own. */
    private Path repositoryConfigurationWith(String text, String replacement) throws IOException {
        return Files.writeString(
                dir.resolve("datasets.json"),
                Files.readString(ProjectFiles.root().resolve("config/datasets.json"))
                        .replace(text, replacement));
    }
}

package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments that cannot work are usage errors: exit 2 and one line on stderr, before anything lands. */
class UsageErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aLakeThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("lake.txt"), "not a folder");

        CliRun run = CliRun.of("drop", sample(), "--lake", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("pipeline-local: --lake " + file + " is not a folder");
    }

    @Test
    void anEndpointWithoutASchemeIsAUsageError() {
        CliRun run = CliRun.of("drop", sample(), "--lake", dir.toString(), "--aws-endpoint", "127.0.0.1:5000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo(
                        "pipeline-local: Invalid value for option '--aws-endpoint': 127.0.0.1:5000 is not an http:// or https:// URL with a host");
    }

    @Test
    void anEngineInAnyCaseIsAccepted() {
        CliRun run = CliRun.of(
                "drop", sample(), "--lake", dir.toString(), "--engine", "emr_serverless", "--dataset", "nope");

        assertThat(run.exitCode())
                .as("parsed, then refused for the unknown dataset")
                .isEqualTo(2);
        assertThat(run.err()).contains("unknown dataset nope").doesNotContain("--engine");
    }

    @Test
    void aDayThatIsNoDateIsOneLineSayingTheForm() {
        CliRun run = CliRun.of("drop", sample(), "--lake", dir.toString(), "--date", "2026-13-01");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("pipeline-local: Invalid value for option '--date': expected a day as YYYY-MM-DD, such as"
                        + " 2026-11-22, but was '2026-13-01'");
    }

    private static String sample() {
        return ProjectFiles.root().resolve("events/data/orders.csv").toString();
    }
}

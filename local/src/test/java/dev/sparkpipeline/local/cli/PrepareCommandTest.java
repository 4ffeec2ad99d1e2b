package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline-local prepare} when the archive cannot be made: it says so on one line, exits 1,
 * and leaves no archive, so later jobs start without one rather than from a broken one.
 */
class PrepareCommandTest {

    @TempDir
    Path root;

    private String savedRoot;
    private String savedArchive;

    @BeforeEach
    void aRepositoryWhoseSampleTheJobRefuses() throws IOException {
        savedRoot = System.getProperty("pipeline.root");
        savedArchive = System.getProperty(LocalSparkJob.ARCHIVE_PROPERTY);
        Path sample = root.resolve("events/data/orders.csv");
        Files.createDirectories(sample.getParent());
        Files.copy(ProjectFiles.root().resolve("events/data/failing/orders-bad-amounts.csv"), sample);
        System.setProperty("pipeline.root", root.toString());
        System.setProperty(
                LocalSparkJob.ARCHIVE_PROPERTY,
                root.resolve("archive/curate-job.jsa").toString());
    }

    @AfterEach
    void restore() {
        restore("pipeline.root", savedRoot);
        restore(LocalSparkJob.ARCHIVE_PROPERTY, savedArchive);
    }

    @Test
    void aPrepareWhoseRunFailsSaysSoExitsOneAndLeavesNoArchive() {
        CliRun run = CliRun.of("prepare");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .startsWith("pipeline-local: could not prepare the class-data archive")
                .endsWith("jobs run without it")
                .doesNotContain("\n");
        assertThat(root.resolve("archive/curate-job.jsa")).doesNotExist();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}

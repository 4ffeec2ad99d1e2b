package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.local.spark.LocalSparkJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code prepare}: runs the curate job once on the sample orders file so the JVM archives the
 * classes local Spark loads; later jobs start from the archive. {@code bin/pipeline-local} runs it
 * after each build.
 */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description =
                "Prepare the class-data archive that lets local Spark jobs start faster (bin/pipeline-local does this after a build).")
final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path sample = RunReport.defaultTemplate()
                .resolveSibling("events")
                .resolve("data")
                .resolve("orders.csv");
        if (!Files.isRegularFile(sample)) {
            throw new PipelineLocal.UsageError("no sample file at " + sample);
        }
        Path work = Files.createTempDirectory("pipeline-local-prepare");
        boolean written = LocalSparkJob.forThisJvm().prepareArchive(sample, work);
        if (!written) {
            spec.commandLine()
                    .getErr()
                    .println("pipeline-local: could not prepare the class-data archive (see "
                            + work.resolve("prepare.log") + "); jobs run without it");
            return 1;
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
        spec.commandLine().getErr().println("pipeline-local: local Spark's class-data archive is ready");
        return 0;
    }
}

package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.net.URI;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the curate job on EMR Serverless ({@code --class}), EMR ({@code spark-submit}),
 * Glue (through {@code GlueCurateEntry}) and local Spark. Prints the manifest as its last line.
 */
public final class CurateJob {

    private CurateJob() {}

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(args);
        // The deployed job reads the config bundled into its jar; the local runner names the file it runs with.
        DatasetCatalog catalog = arguments.datasetsConfig() == null
                ? DatasetCatalog.bundled()
                : DatasetCatalog.read(
                        arguments.datasetsConfig().startsWith("file:")
                                ? Path.of(URI.create(arguments.datasetsConfig()))
                                : Path.of(arguments.datasetsConfig()));
        DatasetSpec dataset = catalog.named(arguments.dataset())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown dataset " + arguments.dataset() + " (see config/datasets.json)"));
        SparkSession spark =
                SparkSession.builder().appName("curate-" + dataset.name()).getOrCreate();
        try {
            Manifest manifest = new Curation(spark, dataset).run(arguments);
            System.out.println(ManifestJson.logLine(manifest));
        } finally {
            spark.stop();
        }
    }
}

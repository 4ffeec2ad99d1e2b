package dev.sparkpipeline.jobs.contract;

import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * What a job leaves for Publish: the run's manifest at {@link JobArguments#manifestLocation()},
 * in the one format Publish reads ({@link ManifestJson}), naming the Iceberg commit that holds the
 * run's rows. Publish registers that commit in the catalog; without a manifest the run fails as
 * {@code PublishFailed} and its file is recorded under {@code failed/}.
 */
public final class RunManifest {

    private RunManifest() {}

    /**
     * The manifest of a run of one landed file that wrote {@code rowsOut} rows to its table, whose
     * current snapshot is the run's commit.
     *
     * @param mode how the rows went in: {@code merge}, {@code append} or {@code overwrite}
     */
    public static Manifest of(SparkSession spark, JobArguments arguments, long rowsIn, long rowsOut, String mode) {
        Table table = table(spark, arguments);
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            throw new IllegalStateException(arguments.qualifiedTable() + " has no snapshot: the run committed nothing");
        }
        Map<String, String> schema = new LinkedHashMap<>();
        for (StructField field :
                spark.table(arguments.qualifiedTable()).schema().fields()) {
            schema.put(field.name(), field.dataType().sql());
        }
        var commit = new Manifest.TableCommit(
                arguments.write().table(),
                table.location(),
                ((HasTableOperations) table).operations().current().metadataFileLocation(),
                current.snapshotId(),
                mode,
                false,
                null);
        return new Manifest(
                arguments.dataset(),
                arguments.runId(),
                arguments.input(),
                rowsIn,
                rowsOut,
                0,
                0,
                schema,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                null,
                commit,
                List.of());
    }

    /**
     * Writes {@code manifest} where Publish reads it, then prints it as the job's last line (the
     * local runner reads the job's outcome there, as from the curate job).
     */
    public static void write(SparkSession spark, JobArguments arguments, Manifest manifest) {
        Path path = new Path(arguments.manifestLocation());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(path, true)) {
                out.write(ManifestJson.write(manifest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's manifest " + path, e);
        }
        System.out.println(ManifestJson.logLine(manifest));
    }

    private static Table table(SparkSession spark, JobArguments arguments) {
        try {
            return Spark3Util.loadIcebergTable(spark, arguments.qualifiedTable());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + arguments.qualifiedTable() + ": " + e.getMessage(), e);
        }
    }
}

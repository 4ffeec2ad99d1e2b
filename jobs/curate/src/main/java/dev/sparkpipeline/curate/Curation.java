package dev.sparkpipeline.curate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.dataset.RowRules;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.curate.source.InvalidSourceFile;
import dev.sparkpipeline.curate.source.RowShaper;
import dev.sparkpipeline.curate.source.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * One curate run: read the landed file strictly ({@link SourceReader}), set aside every row that
 * does not fit the dataset with its reasons in {@code _errors/}, drop duplicates as the dataset
 * chose, add lineage, and publish Parquet atomically for readers: files are written under
 * {@code _staging/<runId>/}, moved into their partitions only when the whole run succeeded, and
 * the manifest is written last. A run over its error ratio still writes {@code _errors/} and the
 * breakdown by column and rule, and fails naming the top ones.
 */
final class Curation {

    /** Outputs up to this many rows are written as one file per partition. */
    static final long ROWS_PER_FILE = 250_000;
    /** How many column and rule pairs a failure cause names. */
    private static final int CAUSE_RULES = 3;

    private final SparkSession spark;
    private final DatasetSpec dataset;

    Curation(SparkSession spark, DatasetSpec dataset) {
        this.spark = spark;
        this.dataset = dataset;
        // Dates and timestamps of any year are written as they are: no legacy-calendar rebase (which
        // fails or shifts values before 1582 and, for INT96 timestamps, before 1900).
        spark.conf().set("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED");
        spark.conf().set("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED");
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        // Rows carry java.time values (proleptic Gregorian, as Spark stores them), not java.sql's hybrid calendar.
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
    }

    Manifest run(JobArguments arguments) {
        SourceReader reader = new SourceReader(spark, dataset);
        Dataset<Row> parsed = reader.read(List.of(arguments.input())).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return curate(arguments, reader, parsed);
        } finally {
            parsed.unpersist();
        }
    }

    private Manifest curate(JobArguments arguments, SourceReader reader, Dataset<Row> parsed) {
        // One pass counts both: the file is parsed once, into the cache the later steps read.
        Row counts = parsed.agg(
                        count(lit(1)),
                        sum(when(col(RowShaper.ERRORS).isNotNull(), 1).otherwise(0)))
                .first();
        List<String> failures = reader.fileFailures();
        if (!failures.isEmpty()) {
            throw new InvalidSourceFile(
                    failures.get(0) + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more files)" : ""));
        }
        long rowsIn = counts.getLong(0);
        long rejectedCount = counts.isNullAt(1) ? 0 : counts.getLong(1);
        String errors = arguments.output() + "/_errors/run_id=" + arguments.runId();
        List<Manifest.RejectCount> rejects = rejectedCount == 0 ? List.of() : breakdown(parsed);
        if (rejectedCount > 0) {
            writeErrors(parsed, reader.sourceKey(), errors, arguments.runId(), rejects);
        } else {
            delete(errors);
        }
        if (rowsIn > 0 && (double) rejectedCount / rowsIn > dataset.maxErrorRatio()) {
            throw new TooManyRejects(String.format(
                    Locale.ROOT,
                    "%d of %d rows do not fit dataset %s (%.1f%% > %.1f%% allowed): %s; "
                            + "the rejected rows are in %s/",
                    rejectedCount,
                    rowsIn,
                    dataset.name(),
                    100.0 * rejectedCount / rowsIn,
                    100.0 * dataset.maxErrorRatio(),
                    top(rejects),
                    errors));
        }
        List<String> undeclared = reader.undeclaredColumns();
        boolean keep = dataset.rows().extraColumns() == RowRules.ExtraColumns.KEEP;
        List<Column> selected = new ArrayList<>();
        dataset.columns().forEach(column -> selected.add(col(column.name())));
        if (keep) {
            undeclared.forEach(
                    name -> selected.add(col(RowShaper.EXTRA).getItem(name).as(name)));
        }
        selected.add(col(RowShaper.SOURCE));
        selected.add(col(RowShaper.FINGERPRINT));
        Dataset<Row> good = parsed.filter(col(RowShaper.ERRORS).isNull()).select(selected.toArray(Column[]::new));
        String dedupe;
        Dataset<Row> unique;
        if (!dataset.key().isEmpty()) {
            dedupe = "key";
            unique = good.dropDuplicates(dataset.key().toArray(String[]::new));
        } else if (dataset.rows().dedupe() == RowRules.Dedupe.ROWS) {
            dedupe = "rows";
            unique = good.dropDuplicates(RowShaper.FINGERPRINT);
        } else {
            dedupe = "none";
            unique = good;
        }
        Dataset<Row> curated = withLineage(unique.drop(RowShaper.FINGERPRINT), reader.sourceKey(), arguments);
        long rowsAtMost = rowsIn - rejectedCount;

        String staging = arguments.output() + "/_staging/" + arguments.runId();
        List<String> files;
        long rowsOut;
        try {
            // Small outputs: one file per partition (small files slow every reader). Large ones keep the tasks'
            // parallelism: a landed file is usually one partition, and one task would write it alone.
            Column[] partitionColumns =
                    dataset.partitionBy().stream().map(functions::col).toArray(Column[]::new);
            Dataset<Row> toWrite = rowsAtMost > ROWS_PER_FILE
                    ? curated
                    : partitionColumns.length == 0 ? curated.coalesce(1) : curated.repartition(partitionColumns);
            // Rows written are counted while writing: no second pass over the data.
            Observation written = new Observation("written");
            toWrite.observe(written, count(lit(1)).as("rows"))
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("compression", "snappy")
                    .partitionBy(dataset.partitionBy().toArray(String[]::new))
                    .parquet(staging);
            removeEarlierAttempt(arguments.output(), arguments.runId());
            rowsOut = rowsWritten(written);
            files = commit(staging, arguments.output(), arguments.runId());
        } catch (RuntimeException failed) {
            // A failed write leaves nothing behind: no partial staging for a later reader or run to trip on.
            delete(staging);
            throw failed;
        }
        Map<String, String> schema = new LinkedHashMap<>();
        for (StructField field : curated.schema().fields()) {
            schema.put(field.name(), field.dataType().simpleString());
        }
        TreeSet<String> partitions = new TreeSet<>();
        files.forEach(file -> partitions.add(file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ""));
        Manifest manifest = new Manifest(
                dataset.name(),
                arguments.runId(),
                arguments.input(),
                rowsIn,
                rowsOut,
                rejectedCount,
                rowsIn - rejectedCount - rowsOut,
                schema,
                List.copyOf(partitions),
                files,
                rejects,
                rejectedCount > 0 ? errors + "/" : null,
                dataset.rows().extraColumns().name().toLowerCase(Locale.ROOT),
                undeclared,
                dedupe);
        write(arguments.output() + "/" + Manifest.relativePath(arguments.runId()), ManifestJson.write(manifest));
        return manifest;
    }

    /** Rejected rows by column and rule, most frequent first. */
    private static List<Manifest.RejectCount> breakdown(Dataset<Row> parsed) {
        List<Manifest.RejectCount> rejects = new ArrayList<>();
        parsed.filter(col(RowShaper.ERRORS).isNotNull())
                .select(explode(col(RowShaper.ERRORS)).as("e"))
                .groupBy(col("e.column"), col("e.rule"))
                .count()
                .orderBy(col("count").desc(), col("column"), col("rule"))
                .collectAsList()
                .forEach(row -> rejects.add(new Manifest.RejectCount(
                        row.isNullAt(0) ? null : row.getString(0), row.getString(1), row.getLong(2))));
        return rejects;
    }

    /** Each rejected row with its source, line, raw record and broken rules; the breakdown beside them. */
    private void writeErrors(
            Dataset<Row> parsed, Column sourceKey, String errors, String runId, List<Manifest.RejectCount> rejects) {
        parsed.filter(col(RowShaper.ERRORS).isNotNull())
                .select(
                        sourceKey.as("source_key"),
                        col(RowShaper.LINE).as("line"),
                        col(RowShaper.RECORD).as("record"),
                        col(RowShaper.RAW).as("raw"),
                        col(RowShaper.ERRORS).as("errors"),
                        lit(runId).as("run_id"))
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .option("ignoreNullFields", "false")
                .json(errors);
        write(errors + "/_rejects.json", ManifestJson.writeRejects(rejects));
    }

    /** "amount scale 3, order_ts not_a_date 2" for a failure cause. */
    private static String top(List<Manifest.RejectCount> rejects) {
        List<String> parts = new ArrayList<>();
        for (Manifest.RejectCount reject : rejects.subList(0, Math.min(CAUSE_RULES, rejects.size()))) {
            parts.add((reject.column() == null ? "record" : reject.column()) + " " + reject.rule() + " "
                    + reject.count());
        }
        if (rejects.size() > CAUSE_RULES) {
            parts.add("and " + (rejects.size() - CAUSE_RULES) + " more");
        }
        return String.join(", ", parts);
    }

    private Dataset<Row> withLineage(Dataset<Row> frame, Column sourceKey, JobArguments arguments) {
        Dataset<Row> withLineage = frame.withColumn("_source_key", sourceKey)
                .drop(RowShaper.SOURCE)
                .withColumn("_run_id", lit(arguments.runId()))
                .withColumn("_ingest_time", current_timestamp());
        if (dataset.partitionBy().contains(DatasetCatalog.INGEST_DATE)) {
            withLineage = withLineage.withColumn(DatasetCatalog.INGEST_DATE, to_date(col("_ingest_time")));
        }
        return withLineage;
    }

    private void delete(String uri) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(path)) {
                fs.delete(path, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The observed count; the write has finished, so it is there already. */
    private static long rowsWritten(Observation written) {
        try {
            return ((Number) written.getAsJava().get("rows")).longValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the written row count", e);
        }
    }

    /** Moves every staged data file into its partition under a run-unique name; returns their paths. */
    private List<String> commit(String staging, String output, String runId) {
        try {
            Path stagingPath = new Path(staging);
            FileSystem fs = stagingPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<String> files = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> staged = fs.listFiles(stagingPath, true);
            List<FileStatus> dataFiles = new ArrayList<>();
            while (staged.hasNext()) {
                LocatedFileStatus file = staged.next();
                if (file.getPath().getName().endsWith(".parquet")) {
                    dataFiles.add(file);
                }
            }
            URI stagingUri = fs.makeQualified(stagingPath).toUri();
            for (FileStatus file : dataFiles) {
                String relative = stagingUri.relativize(file.getPath().toUri()).getPath();
                String partition = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
                String target = partition + runId + "-" + file.getPath().getName();
                Path targetPath = new Path(output + "/" + target);
                fs.mkdirs(targetPath.getParent());
                // The same run id means the same source version: its earlier output is replaced.
                fs.delete(targetPath, false);
                if (!fs.rename(file.getPath(), targetPath)) {
                    throw new IOException("cannot move " + file.getPath() + " to " + targetPath);
                }
                files.add(target);
            }
            fs.delete(stagingPath, true);
            Path stagingRoot = stagingPath.getParent();
            if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
                fs.delete(stagingRoot, false);
            }
            files.sort(String::compareTo);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same run id means the same source version: files an earlier attempt published (its
     * manifest lists them) are removed before this attempt's files move in, so a re-run replaces
     * its rows instead of adding them twice.
     */
    private void removeEarlierAttempt(String output, String runId) {
        try {
            Path manifestPath = new Path(output + "/" + Manifest.relativePath(runId));
            FileSystem fs = manifestPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(manifestPath)) {
                return;
            }
            Manifest earlier;
            try (var in = fs.open(manifestPath)) {
                earlier = ManifestJson.read(in.readAllBytes());
            }
            for (String file : earlier.files()) {
                fs.delete(new Path(output + "/" + file), false);
            }
            fs.delete(manifestPath, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String uri, byte[] content) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(path, true)) {
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

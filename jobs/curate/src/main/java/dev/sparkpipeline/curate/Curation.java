package dev.sparkpipeline.curate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
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
import dev.sparkpipeline.curate.table.CuratedTable;
import dev.sparkpipeline.curate.table.SourceCommit;
import dev.sparkpipeline.curate.table.TableMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * One curate run: read the landed file strictly ({@link SourceReader}), set aside every row that
 * does not fit the dataset with its reasons in {@code _errors/}, keep one row per key (or per
 * identical row) as the dataset chose, add lineage, and commit the rows to the dataset's Iceberg
 * table in one commit ({@link CuratedTable}): readers see all of the run or none of it. A source
 * version the table already holds is not read again. The manifest is written last. A run over its
 * error ratio still writes {@code _errors/} and the breakdown by column and rule, and fails naming
 * the top ones, before anything reaches the table.
 */
final class Curation {

    /** How many column and rule pairs a failure cause names. */
    private static final int CAUSE_RULES = 3;

    private final SparkSession spark;
    private final DatasetSpec dataset;
    private final Instant started = Instant.now();

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
        CuratedTable table = new CuratedTable(spark, arguments.write().table(), arguments.output());
        SourceCommit source = source(arguments, 0, 0, 0);
        Optional<Snapshot> earlier = table.committed(source);
        if (earlier.isPresent()) {
            return replayed(arguments, table, earlier.get());
        }
        SourceReader reader = new SourceReader(spark, dataset);
        Dataset<Row> parsed = reader.read(List.of(arguments.input())).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return curate(arguments, reader, parsed, table);
        } finally {
            parsed.unpersist();
        }
    }

    private Manifest curate(JobArguments arguments, SourceReader reader, Dataset<Row> parsed, CuratedTable table) {
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
        selected.add(col(RowShaper.LINE));
        Dataset<Row> good = parsed.filter(col(RowShaper.ERRORS).isNull()).select(selected.toArray(Column[]::new));
        String dedupe = dedupeMode();
        Dataset<Row> unique = switch (dedupe) {
            case "key" -> newestPerKey(good);
            case "rows" -> good.dropDuplicates(RowShaper.FINGERPRINT);
            default -> good;
        };
        Dataset<Row> curated = withLineage(
                        unique.drop(RowShaper.FINGERPRINT, RowShaper.LINE), reader.sourceKey(), arguments)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long rowsOut = curated.count();
            long duplicates = rowsIn - rejectedCount - rowsOut;
            // The table follows the dataset's schema, or the run fails here, before anything is written.
            table.prepare(curated.schema(), dataset.partitionFields());
            List<String> ordering = new ArrayList<>();
            if (dataset.orderBy() != null) {
                ordering.add(dataset.orderBy());
            }
            ordering.add(CuratedTable.LANDED_AT);
            ordering.add(CuratedTable.SOURCE_VERSION);
            Manifest.TableCommit commit = table.commit(
                    curated, dataset.key(), ordering, source(arguments, rowsIn, rejectedCount, duplicates));
            Map<String, String> schema = schemaOf(curated.schema());
            Counts rows = new Counts(rowsIn, rowsOut, rejectedCount, duplicates);
            String errorsFolder = rejectedCount > 0 ? errors + "/" : null;
            // The manifest right after the commit: upkeep may take long, and the commit stands whatever it does.
            Manifest manifest =
                    finish(arguments, table, commit, null, rows, schema, rejects, errorsFolder, undeclared, dedupe);
            Optional<String> upkeep =
                    new TableMaintenance(spark, table, arguments.write().upkeep()).afterCommit();
            return upkeep.isEmpty()
                    ? manifest
                    : finish(
                            arguments,
                            table,
                            commit,
                            upkeep.get(),
                            rows,
                            schema,
                            rejects,
                            errorsFolder,
                            undeclared,
                            dedupe);
        } finally {
            curated.unpersist();
        }
    }

    /** The rows a run reads and writes. */
    private record Counts(long in, long out, long rejected, long duplicates) {}

    /** Writes the run's manifest, with the files and partitions its commit added, and answers it. */
    private Manifest finish(
            JobArguments arguments,
            CuratedTable table,
            Manifest.TableCommit commit,
            String maintenance,
            Counts counts,
            Map<String, String> schema,
            List<Manifest.RejectCount> rejects,
            String errors,
            List<String> undeclared,
            String dedupe) {
        Table iceberg = table.load().orElseThrow();
        Snapshot snapshot = iceberg.snapshot(commit.snapshotId());
        List<String> files =
                commit.replayed() || snapshot == null ? List.of() : CuratedTable.addedFiles(iceberg, snapshot);
        List<String> partitions =
                commit.replayed() || snapshot == null ? List.of() : CuratedTable.addedPartitions(iceberg, snapshot);
        Manifest manifest = new Manifest(
                dataset.name(),
                arguments.runId(),
                arguments.input(),
                counts.in(),
                counts.out(),
                counts.rejected(),
                counts.duplicates(),
                schema,
                partitions,
                files,
                rejects,
                errors,
                dataset.rows().extraColumns().name().toLowerCase(Locale.ROOT),
                undeclared,
                dedupe,
                new Manifest.TableCommit(
                        commit.name(),
                        commit.location(),
                        commit.metadataLocation(),
                        commit.snapshotId(),
                        commit.mode(),
                        commit.replayed(),
                        maintenance),
                List.of());
        write(arguments.output() + "/" + Manifest.relativePath(arguments.runId()), ManifestJson.write(manifest));
        return manifest;
    }

    /**
     * The manifest of a source version the table holds already: nothing is read or written. The
     * same run again (a retry after its commit landed) reports the counts it committed; another run
     * of the same version reports that it added nothing.
     */
    private Manifest replayed(JobArguments arguments, CuratedTable table, Snapshot earlier) {
        SourceCommit recorded = SourceCommit.of(earlier.summary());
        boolean sameRun = arguments.runId().equals(recorded.runId());
        Counts counts = sameRun
                ? new Counts(
                        recorded.rowsIn(),
                        recorded.rowsIn() - recorded.rejected() - recorded.duplicates(),
                        recorded.rejected(),
                        recorded.duplicates())
                : new Counts(0, 0, 0, 0);
        Map<String, String> schema = schemaOf(spark.table(table.qualifiedName()).schema());
        Manifest.TableCommit commit = table.commitOf(earlier, dataset.key(), true);
        String errors = arguments.output() + "/_errors/run_id=" + arguments.runId();
        return finish(
                arguments,
                table,
                commit,
                null,
                counts,
                schema,
                List.of(),
                sameRun && recorded.rejected() > 0 ? errors + "/" : null,
                List.of(),
                dedupeMode());
    }

    /** How duplicates are found: by the dataset's key, by every source value, or not at all. */
    private String dedupeMode() {
        if (!dataset.key().isEmpty()) {
            return "key";
        }
        return dataset.rows().dedupe() == RowRules.Dedupe.ROWS ? "rows" : "none";
    }

    /** Every column to its Spark SQL type, in order, as the manifest lists them. */
    private static Map<String, String> schemaOf(StructType schema) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            columns.put(field.name(), field.dataType().simpleString());
        }
        return columns;
    }

    /** What the run's commit records about its source. */
    private static SourceCommit source(JobArguments arguments, long rowsIn, long rejected, long duplicates) {
        return new SourceCommit(
                arguments.runId(),
                arguments.input(),
                arguments.write().sourceVersion(),
                arguments.write().sourceEtag(),
                rowsIn,
                rejected,
                duplicates);
    }

    /**
     * One row per key: the greatest ordering value (the dataset's {@code orderBy}, nulls lowest),
     * then the file's later line, as a correction further down a file supersedes the line above.
     */
    private Dataset<Row> newestPerKey(Dataset<Row> good) {
        List<Column> order = new ArrayList<>();
        if (dataset.orderBy() != null) {
            order.add(col(dataset.orderBy()).desc_nulls_last());
        }
        order.add(col(RowShaper.LINE).desc());
        WindowSpec perKey = Window.partitionBy(
                        dataset.key().stream().map(functions::col).toArray(Column[]::new))
                .orderBy(order.toArray(Column[]::new));
        return good.withColumn("_rank", row_number().over(perKey))
                .filter(col("_rank").equalTo(1))
                .drop("_rank");
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
        Instant landedAt =
                arguments.write().landedAt() != null ? arguments.write().landedAt() : started;
        Dataset<Row> withLineage = frame.withColumn("_source_key", sourceKey)
                .drop(RowShaper.SOURCE)
                .withColumn(
                        CuratedTable.SOURCE_VERSION,
                        lit(arguments.write().sourceVersion()).cast("string"))
                .withColumn(
                        CuratedTable.LANDED_AT,
                        lit(java.sql.Timestamp.from(landedAt)).cast("timestamp"))
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

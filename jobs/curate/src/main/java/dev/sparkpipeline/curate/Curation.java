package dev.sparkpipeline.curate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.element_at;
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
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
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
 *
 * <p>A batch run ({@code --batch}) reads every member its manifest lists ({@link LandedFile} says
 * where) in one Spark read, and each file has its own fate. A file that is gone, cannot be read or
 * is over the error ratio is FAILED with its reason (the ratio's reason is the one a run of that
 * file alone fails with), and none of its rows are committed; its rejected rows are in {@code
 * _errors/} all the same. The other files' rows are deduplicated together (by key: the greatest
 * {@code orderBy}, then the latest landing, then the later file in the manifest, then the later line)
 * and committed in one commit, whose source is the batch manifest: a batch committed already is
 * replayed as a single file is. The run manifest's {@code sources} lists every member in the
 * manifest's order; its rows in, out, rejected and duplicates, its {@code rejects} and its
 * {@code extraColumns} are the curated files' only, while {@code _errors/} and its {@code _rejects.json} hold every rejected row
 * read. A batch none of whose files can be curated commits nothing, writes its manifest ({@code
 * table} null) and fails ({@link NoFileCurated}).
 */
final class Curation {

    /** A batch member's reason when the reader could not open it and it no longer exists. */
    static final String GONE = "the file is gone (deleted or moved since it landed)";

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
        Instant landedAt =
                arguments.write().landedAt() != null ? arguments.write().landedAt() : started;
        List<LandedFile> files = arguments.batch()
                ? BatchMembers.read(hadoopConf(), arguments.input(), dataset.name()).stream()
                        .map(member -> LandedFile.member(member, landedAt))
                        .toList()
                : List.of(new LandedFile(arguments.input(), arguments.write().sourceVersion(), landedAt));
        SourceReader reader = new SourceReader(spark, dataset);
        Dataset<Row> parsed =
                reader.read(files.stream().map(LandedFile::location).toList()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return curate(arguments, files, reader, parsed, table);
        } finally {
            parsed.unpersist();
        }
    }

    private Manifest curate(
            JobArguments arguments,
            List<LandedFile> files,
            SourceReader reader,
            Dataset<Row> parsed,
            CuratedTable table) {
        // One pass counts both, file by file: the files are parsed once, into the cache the later steps read.
        Map<Integer, FileCounts> counts = countsByFile(parsed);
        if (!arguments.batch()) {
            List<String> failures = reader.fileFailures();
            if (!failures.isEmpty()) {
                throw new InvalidSourceFile(failures.get(0)
                        + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more files)" : ""));
            }
        }
        List<Integer> every = IntStream.range(0, files.size()).boxed().toList();
        long rejectedRead = every.stream()
                .mapToLong(file -> counted(counts, file).rejected())
                .sum();
        String errors = arguments.output() + "/_errors/run_id=" + arguments.runId();
        RejectBreakdown breakdown = rejectedRead == 0 ? RejectBreakdown.none() : RejectBreakdown.of(parsed);
        if (rejectedRead > 0) {
            writeErrors(parsed, reader.sourceKey(), errors, arguments.runId(), breakdown.of(every));
        } else {
            delete(errors);
        }
        Map<Integer, String> failed = failed(arguments, files, reader, counts, breakdown, errors);
        List<Integer> curatedFiles =
                every.stream().filter(file -> !failed.containsKey(file)).toList();
        String errorsFolder = rejectedRead > 0 ? errors + "/" : null;
        String dedupe = dedupeMode();
        if (curatedFiles.isEmpty()) {
            throw noFileCurated(arguments, files, counts, failed, errorsFolder, dedupe);
        }
        // A failed file's own columns do not reach the table.
        List<String> undeclared = reader.undeclaredColumns(curatedFiles);
        List<String> columns = new ArrayList<>();
        dataset.columns().forEach(column -> columns.add(column.name()));
        if (dataset.rows().extraColumns() == RowRules.ExtraColumns.KEEP) {
            columns.addAll(undeclared);
        }
        Dataset<Row> good =
                withArrival(goodRows(parsed, columns, undeclared, failed.isEmpty() ? null : curatedFiles), files);
        Dataset<Row> unique = switch (dedupe) {
            case "key" -> newestPerKey(good);
            case "rows" -> good.dropDuplicates(RowShaper.FINGERPRINT);
            default -> good;
        };
        Dataset<Row> curated =
                withLineage(unique, columns, reader.sourceKey(), arguments).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> committed = curated.drop(RowShaper.SOURCE);
            long rowsIn = curatedFiles.stream()
                    .mapToLong(file -> counted(counts, file).in())
                    .sum();
            long rejectedCount = curatedFiles.stream()
                    .mapToLong(file -> counted(counts, file).rejected())
                    .sum();
            long rowsOut = curated.count();
            long duplicates = rowsIn - rejectedCount - rowsOut;
            List<Manifest.SourceResult> sources =
                    arguments.batch() ? sources(files, counts, failed, committedByFile(curated)) : List.of();
            // The table follows the dataset's schema, or the run fails here, before anything is written.
            table.prepare(committed.schema(), dataset.partitionFields());
            List<String> ordering = new ArrayList<>();
            if (dataset.orderBy() != null) {
                ordering.add(dataset.orderBy());
            }
            ordering.add(CuratedTable.LANDED_AT);
            ordering.add(CuratedTable.SOURCE_VERSION);
            Manifest.TableCommit commit = table.commit(
                    committed, dataset.key(), ordering, source(arguments, rowsIn, rejectedCount, duplicates));
            Report report = new Report(
                    new Counts(rowsIn, rowsOut, rejectedCount, duplicates),
                    schemaOf(committed.schema()),
                    breakdown.of(curatedFiles),
                    errorsFolder,
                    undeclared,
                    dedupe,
                    sources);
            // The manifest right after the commit: upkeep may take long, and the commit stands whatever it does.
            Manifest manifest = finish(arguments, table, commit, null, report);
            Optional<String> upkeep =
                    new TableMaintenance(spark, table, arguments.write().upkeep()).afterCommit();
            return upkeep.isEmpty() ? manifest : finish(arguments, table, commit, upkeep.get(), report);
        } finally {
            curated.unpersist();
        }
    }

    /**
     * The files that fail, each with its reason: one the reader could not read (or that is gone), one
     * over the error ratio. A run of one file fails with that reason instead.
     */
    private Map<Integer, String> failed(
            JobArguments arguments,
            List<LandedFile> files,
            SourceReader reader,
            Map<Integer, FileCounts> counts,
            RejectBreakdown breakdown,
            String errors) {
        Map<Integer, String> failed = new TreeMap<>();
        reader.failedFiles().forEach((file, reason) -> failed.put(file, gone(files.get(file)) ? GONE : reason));
        for (int file = 0; file < files.size(); file++) {
            FileCounts rows = counted(counts, file);
            if (!failed.containsKey(file) && TooManyRejects.exceeds(dataset, rows.rejected(), rows.in())) {
                String reason = TooManyRejects.reason(
                        dataset, rows.rejected(), rows.in(), RejectBreakdown.top(breakdown.of(List.of(file))), errors);
                if (!arguments.batch()) {
                    throw new TooManyRejects(reason);
                }
                failed.put(file, reason);
            }
        }
        return failed;
    }

    /**
     * The rows that fit, as the dataset's {@code columns} (kept extra ones from {@link
     * RowShaper#EXTRA}), with their file, fingerprint and line for deduplication.
     *
     * @param only the files whose rows are curated, or null for every file
     */
    private static Dataset<Row> goodRows(
            Dataset<Row> parsed, List<String> columns, List<String> undeclared, List<Integer> only) {
        List<Column> selected = new ArrayList<>();
        for (String name : columns) {
            selected.add(
                    undeclared.contains(name)
                            ? col(RowShaper.EXTRA).getItem(name).as(name)
                            : col(name));
        }
        selected.add(col(RowShaper.SOURCE));
        selected.add(col(RowShaper.FINGERPRINT));
        selected.add(col(RowShaper.LINE));
        Column fits = col(RowShaper.ERRORS).isNull();
        if (only != null) {
            fits = fits.and(col(RowShaper.SOURCE).isin(only.toArray()));
        }
        return parsed.filter(fits).select(selected.toArray(Column[]::new));
    }

    /** The rows a run reads and writes. */
    private record Counts(long in, long out, long rejected, long duplicates) {}

    /** One file's rows read, and how many of them do not fit the dataset. */
    private record FileCounts(long in, long rejected) {}

    /** What a run's manifest says besides its commit. */
    private record Report(
            Counts rows,
            Map<String, String> schema,
            List<Manifest.RejectCount> rejects,
            String errors,
            List<String> undeclared,
            String dedupe,
            List<Manifest.SourceResult> sources) {}

    /** Each file's rows read and rejected, by its {@link RowShaper#SOURCE} number; a file without rows is absent. */
    private static Map<Integer, FileCounts> countsByFile(Dataset<Row> parsed) {
        Map<Integer, FileCounts> counts = new HashMap<>();
        parsed.groupBy(col(RowShaper.SOURCE))
                .agg(
                        count(lit(1)),
                        sum(when(col(RowShaper.ERRORS).isNotNull(), 1).otherwise(0)))
                .collectAsList()
                .forEach(row -> counts.put(row.getInt(0), new FileCounts(row.getLong(1), row.getLong(2))));
        return counts;
    }

    private static FileCounts counted(Map<Integer, FileCounts> counts, int file) {
        return counts.getOrDefault(file, new FileCounts(0, 0));
    }

    /** The committed rows of each file, after duplicates: a {@code groupBy} of the cached rows by their file. */
    private static Map<Integer, Long> committedByFile(Dataset<Row> curated) {
        Map<Integer, Long> rows = new HashMap<>();
        curated.groupBy(col(RowShaper.SOURCE))
                .count()
                .collectAsList()
                .forEach(row -> rows.put(row.getInt(0), row.getLong(1)));
        return rows;
    }

    /** Every member's fate, in the batch manifest's order. */
    private static List<Manifest.SourceResult> sources(
            List<LandedFile> files,
            Map<Integer, FileCounts> counts,
            Map<Integer, String> failed,
            Map<Integer, Long> committed) {
        List<Manifest.SourceResult> sources = new ArrayList<>();
        for (int file = 0; file < files.size(); file++) {
            FileCounts rows = counted(counts, file);
            String reason = failed.get(file);
            sources.add(new Manifest.SourceResult(
                    files.get(file).location(),
                    files.get(file).versionId(),
                    reason == null ? Manifest.Status.CURATED : Manifest.Status.FAILED,
                    rows.in(),
                    reason == null ? committed.getOrDefault(file, 0L) : 0,
                    rows.rejected(),
                    reason));
        }
        return sources;
    }

    /**
     * A batch none of whose files can be curated: its manifest, without a commit, lists each file's
     * reason, so that the pipeline's failure path records every member; then the run fails.
     */
    private NoFileCurated noFileCurated(
            JobArguments arguments,
            List<LandedFile> files,
            Map<Integer, FileCounts> counts,
            Map<Integer, String> failed,
            String errors,
            String dedupe) {
        List<Manifest.SourceResult> sources = sources(files, counts, failed, Map.of());
        Manifest manifest = new Manifest(
                dataset.name(),
                arguments.runId(),
                arguments.input(),
                0,
                0,
                0,
                0,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                errors,
                extraPolicy(),
                List.of(),
                dedupe,
                null,
                sources);
        write(arguments.output() + "/" + Manifest.relativePath(arguments.runId()), ManifestJson.write(manifest));
        return new NoFileCurated(arguments.input(), sources);
    }

    /** Writes the run's manifest, with the files and partitions its commit added, and answers it. */
    private Manifest finish(
            JobArguments arguments,
            CuratedTable table,
            Manifest.TableCommit commit,
            String maintenance,
            Report report) {
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
                report.rows().in(),
                report.rows().out(),
                report.rows().rejected(),
                report.rows().duplicates(),
                report.schema(),
                partitions,
                files,
                report.rejects(),
                report.errors(),
                extraPolicy(),
                report.undeclared(),
                report.dedupe(),
                new Manifest.TableCommit(
                        commit.name(),
                        commit.location(),
                        commit.metadataLocation(),
                        commit.snapshotId(),
                        commit.mode(),
                        commit.replayed(),
                        maintenance),
                report.sources());
        write(arguments.output() + "/" + Manifest.relativePath(arguments.runId()), ManifestJson.write(manifest));
        return manifest;
    }

    /**
     * The manifest of a source version the table holds already: nothing is read or written. The
     * same run again (a retry after its commit landed) reports the counts it committed; another run
     * of the same version reports that it added nothing. A batch's members are as the earlier run's
     * manifest ({@code _manifests/<its run>.json}) lists them, with no rows for another run; when
     * that manifest is gone (the earlier attempt stopped between its commit and its manifest), the
     * replay's {@code sources} are empty.
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
        Optional<Manifest> before = arguments.batch()
                ? manifestAt(arguments.output() + "/" + Manifest.relativePath(recorded.runId()))
                : Optional.empty();
        List<Manifest.SourceResult> sources = before.map(Manifest::sources)
                .map(members -> sameRun ? members : withoutRows(members))
                .orElse(List.of());
        String errorsFolder = sameRun && before.isPresent()
                ? before.get().errors()
                : sameRun && recorded.rejected() > 0 ? errors + "/" : null;
        List<Manifest.RejectCount> rejects =
                sameRun && before.isPresent() ? before.get().rejects() : List.of();
        return finish(
                arguments,
                table,
                commit,
                null,
                new Report(counts, schema, rejects, errorsFolder, List.of(), dedupeMode(), sources));
    }

    /** A batch's members as another run of it reports them: their fates, and no rows added. */
    private static List<Manifest.SourceResult> withoutRows(List<Manifest.SourceResult> members) {
        return members.stream()
                .map(member -> new Manifest.SourceResult(
                        member.uri(), member.versionId(), member.status(), 0, 0, 0, member.reason()))
                .toList();
    }

    /** The manifest at {@code uri}, or empty when there is none or it does not read. */
    private Optional<Manifest> manifestAt(String uri) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(hadoopConf());
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(path)) {
                return Optional.of(ManifestJson.read(in.readAllBytes()));
            }
        } catch (IOException | RuntimeException unreadable) {
            // A replay writes a manifest in any case: one without the members is better than none.
            return Optional.empty();
        }
    }

    /** How duplicates are found: by the dataset's key, by every source value, or not at all. */
    private String dedupeMode() {
        if (!dataset.key().isEmpty()) {
            return "key";
        }
        return dataset.rows().dedupe() == RowRules.Dedupe.ROWS ? "rows" : "none";
    }

    private String extraPolicy() {
        return dataset.rows().extraColumns().name().toLowerCase(Locale.ROOT);
    }

    /** Every column to its Spark SQL type, in order, as the manifest lists them. */
    private static Map<String, String> schemaOf(StructType schema) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            columns.put(field.name(), field.dataType().simpleString());
        }
        return columns;
    }

    /** What the run's commit records about its source: the landed file, or the batch manifest. */
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

    /** Whether a file the reader could not open is no longer there at all. */
    private boolean gone(LandedFile file) {
        try {
            Path path = new Path(file.location());
            return !path.getFileSystem(hadoopConf()).exists(path);
        } catch (IOException | IllegalArgumentException unknown) {
            // The reader's own reason stands.
            return false;
        }
    }

    /**
     * One row per key: the greatest ordering value (the dataset's {@code orderBy}, nulls lowest),
     * then the later landing and the later file of a batch, then the file's later line, as a
     * correction further down a file supersedes the line above.
     */
    private Dataset<Row> newestPerKey(Dataset<Row> good) {
        List<Column> order = new ArrayList<>();
        if (dataset.orderBy() != null) {
            order.add(col(dataset.orderBy()).desc_nulls_last());
        }
        order.add(col(CuratedTable.LANDED_AT).desc());
        order.add(col(RowShaper.SOURCE).desc());
        order.add(col(RowShaper.LINE).desc());
        WindowSpec perKey = Window.partitionBy(
                        dataset.key().stream().map(functions::col).toArray(Column[]::new))
                .orderBy(order.toArray(Column[]::new));
        return good.withColumn("_rank", row_number().over(perKey))
                .filter(col("_rank").equalTo(1))
                .drop("_rank");
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

    /** Each row's file's version and landing time, which order the rows of one key before the commit. */
    private static Dataset<Row> withArrival(Dataset<Row> frame, List<LandedFile> files) {
        Column file = col(RowShaper.SOURCE).plus(1);
        Column versions = array(files.stream()
                .map(landed -> lit(landed.versionId()).cast("string"))
                .toArray(Column[]::new));
        Column landings = array(files.stream()
                .map(landed -> lit(java.sql.Timestamp.from(landed.landedAt())).cast("timestamp"))
                .toArray(Column[]::new));
        return frame.withColumn(CuratedTable.SOURCE_VERSION, element_at(versions, file))
                .withColumn(CuratedTable.LANDED_AT, element_at(landings, file));
    }

    /**
     * The committed columns in the table's order (the dataset's, the kept extra ones, then lineage),
     * and the file number, which the commit leaves out.
     */
    private Dataset<Row> withLineage(
            Dataset<Row> frame, List<String> columns, Column sourceKey, JobArguments arguments) {
        List<Column> selected = new ArrayList<>();
        columns.forEach(name -> selected.add(col(name)));
        selected.add(sourceKey.as("_source_key"));
        selected.add(col(CuratedTable.SOURCE_VERSION));
        selected.add(col(CuratedTable.LANDED_AT));
        selected.add(lit(arguments.runId()).as("_run_id"));
        selected.add(current_timestamp().as("_ingest_time"));
        selected.add(col(RowShaper.SOURCE));
        Dataset<Row> withLineage = frame.select(selected.toArray(Column[]::new));
        if (dataset.partitionBy().contains(DatasetCatalog.INGEST_DATE)) {
            withLineage = withLineage.withColumn(DatasetCatalog.INGEST_DATE, to_date(col("_ingest_time")));
        }
        return withLineage;
    }

    private Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }

    private void delete(String uri) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(hadoopConf());
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
            FileSystem fs = path.getFileSystem(hadoopConf());
            try (var out = fs.create(path, true)) {
                out.write(content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

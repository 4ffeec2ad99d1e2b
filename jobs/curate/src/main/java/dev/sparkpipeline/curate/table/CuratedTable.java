package dev.sparkpipeline.curate.table;

import dev.sparkpipeline.core.dataset.PartitionField;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.outcome.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's curated Iceberg table (format version 2) in the catalog the engine configured
 * ({@link IcebergCatalog}). A run commits once: a {@code MERGE INTO} on the dataset's key, the
 * greater ordering value winning (the dataset's {@code orderBy}, then the arrival: landing time,
 * then version), or an append when the dataset has no key. The commit's snapshot records the source
 * version ({@link SourceCommit}), so a replay of a committed version writes nothing. A commit that
 * loses a race with another run's commit is run again on the new table, a bounded number of times.
 */
public final class CuratedTable {

    /** Lineage columns that order two rows of one key when the dataset declares no ordering column. */
    public static final String LANDED_AT = "_landed_at";

    public static final String SOURCE_VERSION = "_source_version";

    private static final int ATTEMPTS = 12;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final SparkSession spark;
    private final String name;
    private final String location;
    private final String qualified;

    /**
     * @param name     the table without the catalog name ({@code db.orders}, or {@code orders} offline)
     * @param location the table's location for a catalog that registers tables; a path-based catalog names its own
     */
    public CuratedTable(SparkSession spark, String name, String location) {
        this.spark = spark;
        this.name = name;
        this.location = location;
        this.qualified = IcebergCatalog.NAME + "."
                + Arrays.stream(name.split("\\.")).map(part -> "`" + part + "`").collect(Collectors.joining("."));
    }

    /** The table without the catalog name, as Iceberg's procedures take it. */
    public String name() {
        return name;
    }

    /** The table's name as Spark SQL reads it: {@code lake.`db`.`orders`}. */
    public String qualifiedName() {
        return qualified;
    }

    /** The snapshot of the table that holds this source version, if an earlier run committed it. */
    public Optional<Snapshot> committed(SourceCommit source) {
        return load().flatMap(table -> snapshotOf(table, source));
    }

    /**
     * Creates the table for {@code schema}, or brings an existing one to it by {@link SchemaPolicy}.
     *
     * @throws SchemaChangeRefused when a column would change in a way that loses data; the table is unchanged
     */
    public void prepare(StructType schema, List<PartitionField> partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                forgetCachedTable();
                Optional<Table> existing = load();
                if (existing.isEmpty()) {
                    create(schema, partitions);
                    if (load().isEmpty()) {
                        // CREATE ... IF NOT EXISTS found a table of that name the Iceberg catalog cannot load.
                        throw new SchemaChangeRefused("table " + name + " exists in the catalog and is not an Iceberg"
                                + " table (a Parquet table an earlier version of the pipeline made?): migrate it to"
                                + " Iceberg (CALL system.migrate) or drop it, then run again");
                    }
                    return;
                }
                StructType current = spark.table(qualified).schema();
                for (SchemaPolicy.Change change : SchemaPolicy.changes(name, current, schema)) {
                    spark.sql(change.sql(qualified));
                }
                return;
            } catch (SchemaChangeRefused refused) {
                throw refused;
            } catch (RuntimeException raced) {
                // Another run created the table or added the column first: look again, from the new table.
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Commits {@code rows} once and answers the commit. With a key, rows merge by it (one row per
     * key: the greater {@code ordering} wins, and a tie keeps the table's row); without one, they are appended.
     *
     * @param ordering columns compared in order, the greatest winning; the source's rows are unique by key
     */
    public Manifest.TableCommit commit(
            Dataset<Row> rows, List<String> key, List<String> ordering, SourceCommit source) {
        String view = "pipeline_run_" + Integer.toHexString(source.runId().hashCode() & 0x7fffffff);
        for (int attempt = 1; ; attempt++) {
            Optional<Snapshot> earlier = committed(source);
            if (earlier.isPresent()) {
                // An attempt whose commit landed although its answer was lost (or a concurrent run of the same source).
                return commitOf(earlier.get(), key, true);
            }
            try {
                forgetCachedTable();
                Dataset<Row> aligned = alignedToTable(rows);
                aligned.createOrReplaceTempView(view);
                CommitMetadata.withCommitProperties(
                        source.properties(),
                        () -> {
                            if (key.isEmpty()) {
                                aligned.writeTo(qualified).append();
                            } else {
                                spark.sql(merge(view, aligned.columns(), key, ordering));
                            }
                            return null;
                        },
                        RuntimeException.class);
                Table table = load().orElseThrow();
                Snapshot snapshot = snapshotOf(table, source).orElseGet(() -> {
                    // Nothing changed (every row lost to a newer one, or no rows): an empty commit still records the
                    // source.
                    var append = table.newAppend();
                    source.properties().forEach(append::set);
                    append.commit();
                    return snapshotOf(load().orElseThrow(), source).orElseThrow();
                });
                return commitOf(snapshot, key, false);
            } catch (RuntimeException failed) {
                if (attempt >= ATTEMPTS || !lostARace(failed)) {
                    throw failed;
                }
                backOff(attempt);
            } finally {
                spark.catalog().dropTempView(view);
            }
        }
    }

    /** The table's current metadata, or empty when it does not exist. */
    public Optional<Table> load() {
        try {
            Table table = Spark3Util.loadIcebergTable(spark, qualified);
            table.refresh();
            return Optional.of(table);
        } catch (NoSuchTableException e) {
            return Optional.empty();
        } catch (org.apache.spark.sql.catalyst.parser.ParseException e) {
            throw new IllegalArgumentException("table name " + name + " does not parse", e);
        }
    }

    private void create(StructType schema, List<PartitionField> partitions) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(qualified)
                .append(" (");
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            ddl.append(i == 0 ? "" : ", ")
                    .append('`')
                    .append(fields[i].name())
                    .append("` ")
                    .append(fields[i].dataType().sql());
        }
        ddl.append(") USING iceberg");
        if (!partitions.isEmpty()) {
            ddl.append(" PARTITIONED BY (")
                    .append(partitions.stream().map(PartitionField::sql).collect(Collectors.joining(", ")))
                    .append(')');
        }
        if (!pathBased()) {
            ddl.append(" LOCATION '").append(location.replace("'", "\\'")).append('\'');
        }
        ddl.append(" TBLPROPERTIES ('format-version'='2', 'write.parquet.compression-codec'='snappy',"
                + " 'commit.retry.num-retries'='10', 'commit.retry.max-wait-ms'='10000')");
        spark.sql(ddl.toString());
    }

    /**
     * Drops the Spark catalog's cached copy of the table (Iceberg keeps one up to 30 s), so the
     * schema and rows the next statement reads are the table's now, after other runs' commits.
     */
    private void forgetCachedTable() {
        if (load().isPresent()) {
            spark.sql("REFRESH TABLE " + qualified);
        }
    }

    private boolean pathBased() {
        return "hadoop".equals(spark.conf().get("spark.sql.catalog." + IcebergCatalog.NAME + ".type", ""));
    }

    /**
     * The rows with the table's types (a widened column takes the wider type), and a null for each
     * table column the run does not carry (one the dataset no longer declares, an extra column an
     * earlier file had): an append by name needs every column.
     */
    private Dataset<Row> alignedToTable(Dataset<Row> rows) {
        StructType table = spark.table(qualified).schema();
        List<Column> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            StructField target = Arrays.stream(table.fields())
                    .filter(candidate -> candidate.name().equalsIgnoreCase(field.name()))
                    .findFirst()
                    .orElse(field);
            columns.add(
                    rows.col("`" + field.name() + "`").cast(target.dataType()).as(target.name()));
        }
        for (StructField field : table.fields()) {
            boolean carried = Arrays.stream(rows.schema().fieldNames()).anyMatch(field.name()::equalsIgnoreCase);
            if (!carried) {
                columns.add(functions.lit(null).cast(field.dataType()).as(field.name()));
            }
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    private String merge(String view, String[] columns, List<String> key, List<String> ordering) {
        String on = key.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        String newer = "struct(" + ordering.stream().map(c -> "s.`" + c + "`").collect(Collectors.joining(", "))
                + ") > struct(" + ordering.stream().map(c -> "t.`" + c + "`").collect(Collectors.joining(", ")) + ")";
        String set =
                Arrays.stream(columns).map(c -> "t.`" + c + "` = s.`" + c + "`").collect(Collectors.joining(", "));
        String names = Arrays.stream(columns).map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        String values = Arrays.stream(columns).map(c -> "s.`" + c + "`").collect(Collectors.joining(", "));
        return "MERGE INTO " + qualified + " t USING " + view + " s ON " + on
                + " WHEN MATCHED AND " + newer + " THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
    }

    private static Optional<Snapshot> snapshotOf(Table table, SourceCommit source) {
        // The table's own history, newest first: a snapshot a rollback left behind holds nothing the table has.
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
            if (source.recordedIn(snapshot.summary())) {
                return Optional.of(snapshot);
            }
        }
        return Optional.empty();
    }

    /** The commit {@code snapshot} is, as the manifest names it: merge with a key, else append. */
    public Manifest.TableCommit commitOf(Snapshot snapshot, List<String> key, boolean replayed) {
        Table table = load().orElseThrow();
        return new Manifest.TableCommit(
                name,
                table.location(),
                ((HasTableOperations) table).operations().current().metadataFileLocation(),
                snapshot.snapshotId(),
                key.isEmpty() ? "append" : "merge",
                replayed,
                null);
    }

    /** The data files a snapshot added, relative to the table's location, and their partitions. */
    public static List<String> addedFiles(Table table, Snapshot snapshot) {
        List<String> files = new ArrayList<>();
        // file:/x and file:///x name the same folder: compare paths, not spellings.
        String root = new org.apache.hadoop.fs.Path(table.location()).toUri().getPath();
        root = root.endsWith("/") ? root : root + "/";
        for (DataFile file : snapshot.addedDataFiles(table.io())) {
            String path = new org.apache.hadoop.fs.Path(file.location()).toUri().getPath();
            files.add(path.startsWith(root) ? path.substring(root.length()) : file.location());
        }
        files.sort(String::compareTo);
        return files;
    }

    /** The partitions of the data files a snapshot added, as Iceberg spells them ({@code ingest_date=2026-11-22}). */
    public static List<String> addedPartitions(Table table, Snapshot snapshot) {
        TreeSet<String> partitions = new TreeSet<>();
        for (DataFile file : snapshot.addedDataFiles(table.io())) {
            partitions.add(table.specs().get(file.specId()).partitionToPath(file.partition()));
        }
        return List.copyOf(partitions);
    }

    /**
     * A commit another run's commit beat: Iceberg's own retries ran out, the merge's rows changed
     * under it (a validation naming conflicting files), the table changed between the merge's scan
     * and its file filtering (Spark's "concurrently modified"), or the commit's fate is unknown.
     */
    private static boolean lostARace(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            // Unknown: the commit may have landed; the next attempt looks for its snapshot before writing.
            if (cause instanceof CommitFailedException || cause instanceof CommitStateUnknownException) {
                return true;
            }
            if (cause instanceof ValidationException
                    && cause.getMessage() != null
                    && cause.getMessage().contains("onflicting")) {
                return true;
            }
            if (cause instanceof IllegalStateException
                    && cause.getMessage() != null
                    && cause.getMessage().contains("concurrently modified")) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to commit again", e);
        }
    }
}

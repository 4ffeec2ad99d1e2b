package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.dataset.ColumnNames;
import dev.sparkpipeline.core.dataset.ColumnSpec;
import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetSpec;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * One curate run: read the landed file, shape it to the dataset's schema, set aside the rows
 * that do not fit, drop duplicates, add lineage, and publish Parquet atomically for readers:
 * files are written under {@code _staging/<runId>/}, moved into their partitions only when the
 * whole run succeeded, and the manifest is written last.
 */
final class Curation {

    static final String REJECT_REASON = "_reject_reason";
    /** Outputs up to this many rows are written as one file per partition. */
    static final long ROWS_PER_FILE = 250_000;

    private final SparkSession spark;
    private final DatasetSpec dataset;

    Curation(SparkSession spark, DatasetSpec dataset) {
        this.spark = spark;
        this.dataset = dataset;
    }

    Manifest run(JobArguments arguments) {
        Dataset<Row> shaped = shape(normaliseNames(read(arguments.input())));
        shaped.cache();
        // One pass counts both: the file is parsed once, into the cache the later steps read.
        Row counts = shaped.agg(count(lit(1)), sum(when(col(REJECT_REASON).notEqual(""), 1).otherwise(0))).first();
        long rowsIn = counts.getLong(0);
        long rejectedCount = counts.isNullAt(1) ? 0 : counts.getLong(1);
        Dataset<Row> rejected = shaped.filter(col(REJECT_REASON).notEqual(""));
        if (rowsIn > 0 && (double) rejectedCount / rowsIn > dataset.maxErrorRatio()) {
            throw new IllegalStateException(String.format("%d of %d rows do not fit dataset %s (%.1f%% > %.1f%% allowed)",
                    rejectedCount, rowsIn, dataset.name(), 100.0 * rejectedCount / rowsIn, 100.0 * dataset.maxErrorRatio()));
        }
        Dataset<Row> good = shaped.filter(col(REJECT_REASON).equalTo("")).drop(REJECT_REASON);
        // Rows equal in every column are equal in the key too: one shuffle either way.
        Dataset<Row> unique = dataset.key().isEmpty() ? good.dropDuplicates()
                : good.dropDuplicates(dataset.key().toArray(String[]::new));
        Dataset<Row> curated = withLineage(unique, arguments);
        long rowsAtMost = rowsIn - rejectedCount;

        String staging = arguments.output() + "/_staging/" + arguments.runId();
        // Small outputs: one file per partition (small files slow every reader). Large ones keep the
        // tasks' parallelism: a landed file is usually one partition, and one task would write it alone.
        Column[] partitionColumns = dataset.partitionBy().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> toWrite = rowsAtMost > ROWS_PER_FILE ? curated
                : partitionColumns.length == 0 ? curated.coalesce(1) : curated.repartition(partitionColumns);
        // Rows written are counted while writing: no second pass over the data.
        Observation written = new Observation("written");
        toWrite.observe(written, count(lit(1)).as("rows")).write().mode(SaveMode.Overwrite).option("compression", "snappy")
                .partitionBy(dataset.partitionBy().toArray(String[]::new)).parquet(staging);
        if (rejectedCount > 0) {
            rejected.write().mode(SaveMode.Overwrite).json(arguments.output() + "/_errors/run_id=" + arguments.runId());
        }
        removeEarlierAttempt(arguments.output(), arguments.runId());
        long rowsOut = rowsWritten(written);
        List<String> files = commit(staging, arguments.output(), arguments.runId());
        Map<String, String> schema = new LinkedHashMap<>();
        for (StructField field : curated.schema().fields()) {
            schema.put(field.name(), field.dataType().simpleString());
        }
        TreeSet<String> partitions = new TreeSet<>();
        files.forEach(file -> partitions.add(file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ""));
        Manifest manifest = new Manifest(dataset.name(), arguments.runId(), arguments.input(), rowsIn, rowsOut,
                rejectedCount, rowsIn - rejectedCount - rowsOut, schema, List.copyOf(partitions), files);
        write(arguments.output() + "/_manifests/" + arguments.runId() + ".json", manifest.toJson());
        return manifest;
    }

    private Dataset<Row> read(String input) {
        DataFormat format = DataFormat.fromFileName(input.substring(input.lastIndexOf('/') + 1))
                .map(DataFormat.FileType::format)
                .orElseThrow(() -> new IllegalArgumentException("cannot tell the format of " + input));
        return switch (format) {
            case CSV -> spark.read()
                    .option("header", "true")
                    .option("sep", String.valueOf(dataset.csv().delimiter()))
                    .option("quote", String.valueOf(dataset.csv().quote()))
                    .option("escape", String.valueOf(dataset.csv().quote()))
                    .option("mode", "PERMISSIVE")
                    .csv(input);
            case JSON_LINES -> spark.read().option("primitivesAsString", "true").json(input);
            case PARQUET -> spark.read().parquet(input);
        };
    }

    private static Dataset<Row> normaliseNames(Dataset<Row> frame) {
        Dataset<Row> renamed = frame;
        for (String name : frame.columns()) {
            renamed = renamed.withColumnRenamed(name, ColumnNames.normalise(name));
        }
        return renamed;
    }

    /** The dataset's columns, trimmed and cast, plus the reason a row does not fit ("" when it does). */
    private Dataset<Row> shape(Dataset<Row> raw) {
        List<String> present = List.of(raw.columns());
        List<Column> columns = new ArrayList<>();
        List<Column> reasons = new ArrayList<>();
        for (ColumnSpec spec : dataset.columns()) {
            Column source = present.contains(spec.name()) ? trimmed(raw, spec.name()) : lit(null);
            Column cast = source.cast(spec.type());
            columns.add(cast.as(spec.name()));
            Column castFailed = source.isNotNull().and(source.cast(DataTypes.StringType).notEqual("")).and(cast.isNull());
            reasons.add(when(castFailed, lit(spec.name() + ": not a " + spec.type())));
            if (spec.required()) {
                reasons.add(when(source.isNull().or(source.cast(DataTypes.StringType).equalTo("")), lit(spec.name() + ": missing")));
            }
        }
        columns.add(concat_ws("; ", reasons.toArray(Column[]::new)).as(REJECT_REASON));
        return raw.select(columns.toArray(Column[]::new));
    }

    private static Column trimmed(Dataset<Row> raw, String name) {
        boolean text = raw.schema().apply(name).dataType().equals(DataTypes.StringType);
        return text ? trim(col(name)) : col(name);
    }

    private Dataset<Row> withLineage(Dataset<Row> frame, JobArguments arguments) {
        Dataset<Row> withLineage = frame
                .withColumn("_source_key", lit(arguments.input()))
                .withColumn("_run_id", lit(arguments.runId()))
                .withColumn("_ingest_time", current_timestamp());
        if (dataset.partitionBy().contains("ingest_date")) {
            withLineage = withLineage.withColumn("ingest_date", to_date(col("_ingest_time")));
        }
        return withLineage;
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
            Path manifestPath = new Path(output + "/_manifests/" + runId + ".json");
            FileSystem fs = manifestPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(manifestPath)) {
                return;
            }
            Map<String, Object> earlier;
            try (var in = fs.open(manifestPath)) {
                earlier = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(in);
            }
            Object files = earlier.get("files");
            if (files instanceof List<?> list) {
                for (Object file : list) {
                    fs.delete(new Path(output + "/" + file), false);
                }
            }
            fs.delete(manifestPath, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String uri, String text) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(path, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

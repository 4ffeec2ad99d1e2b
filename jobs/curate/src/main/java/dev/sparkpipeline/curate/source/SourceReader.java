package dev.sparkpipeline.curate.source;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Reads landed files into shaped rows ({@link RowShaper}): CSV and JSON by the project's strict
 * readers, one task per file, each file opened by its literal path (a key is never a pattern);
 * Parquet by Spark, its values converted by the same rules. What cannot be said per row is
 * gathered on the driver after the first action: {@link #fileFailures} (a file that cannot be
 * read at all) and {@link #undeclaredColumns}. A file that fails does not stop the others.
 */
public final class SourceReader {

    private final SparkSession spark;
    private final DatasetSpec dataset;
    private final RowShaper shaper;
    private final CollectionAccumulator<FileFailure> failures;
    private final CollectionAccumulator<FileColumn> undeclared;
    private List<String> inputs = List.of();

    /** A file that could not be read at all: its number in the run's inputs, and why. */
    record FileFailure(int source, String reason) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A source column the dataset does not declare, and the file (its number in the run's inputs) that has it. */
    record FileColumn(int source, String name) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    public SourceReader(SparkSession spark, DatasetSpec dataset) {
        this.spark = spark;
        this.dataset = dataset;
        this.shaper = new RowShaper(dataset);
        this.failures = spark.sparkContext().collectionAccumulator("file failures");
        this.undeclared = spark.sparkContext().collectionAccumulator("undeclared columns");
    }

    /** Every record of {@code inputs}, shaped. Lazy: nothing is read until an action runs. */
    public Dataset<Row> read(List<String> inputs) {
        this.inputs = List.copyOf(inputs);
        List<Integer> text = new ArrayList<>();
        List<Integer> parquet = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                (format(inputs.get(i)) == DataFormat.PARQUET ? parquet : text).add(i);
            } catch (InvalidSourceFile unknown) {
                failures.add(new FileFailure(i, unknown.getMessage()));
            }
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = context.emptyRDD();
        if (!text.isEmpty()) {
            HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
            rows = rows.union(context.parallelize(text, text.size())
                    .flatMap(new ReadFile(conf, this.inputs, dataset, shaper, failures, undeclared)));
        }
        for (int index : parquet) {
            try {
                rows = rows.union(ParquetRecords.shaped(spark, inputs.get(index), index, shaper, undeclared));
            } catch (RuntimeException unreadable) {
                // Spark reads a Parquet file's footer here, on the driver: a file it cannot read fails alone.
                failures.add(new FileFailure(index, reason(unreadable)));
            }
        }
        return spark.createDataFrame(rows, shaper.schema());
    }

    /** The landed file a row's {@link RowShaper#SOURCE} number stands for, as a column. */
    public Column sourceKey() {
        return element_at(
                array(inputs.stream().map(functions::lit).toArray(Column[]::new)),
                col(RowShaper.SOURCE).plus(1));
    }

    /** Files that could not be read at all, as {@code source: reason}; known after the first action. */
    public List<String> fileFailures() {
        Set<String> failed = new LinkedHashSet<>();
        failures.value().forEach(failure -> failed.add(inputs.get(failure.source()) + ": " + failure.reason()));
        return List.copyOf(failed);
    }

    /**
     * The files that could not be read at all, by their number in the run's inputs ({@link
     * RowShaper#SOURCE}), each with its first reason; known after the first action. Rows such a file
     * gave before it broke are in the read: leave them out.
     */
    public Map<Integer, String> failedFiles() {
        Map<Integer, String> failed = new LinkedHashMap<>();
        failures.value().forEach(failure -> failed.putIfAbsent(failure.source(), failure.reason()));
        return failed;
    }

    /** Source columns the dataset does not declare, sorted; known after the first action. */
    public List<String> undeclaredColumns() {
        Set<String> names = new TreeSet<>();
        undeclared.value().forEach(column -> names.add(column.name()));
        return List.copyOf(names);
    }

    /** The source columns the dataset does not declare in the files of these numbers, sorted; known after the first action. */
    public List<String> undeclaredColumns(Collection<Integer> files) {
        Set<String> names = new TreeSet<>();
        undeclared.value().stream()
                .filter(column -> files.contains(column.source()))
                .forEach(column -> names.add(column.name()));
        return List.copyOf(names);
    }

    /**
     * The format of the file {@code input} names, by its extension.
     *
     * @throws InvalidSourceFile when the name does not tell
     */
    public static DataFormat format(String input) {
        String name = input.substring(input.lastIndexOf('/') + 1);
        return DataFormat.fromFileName(name)
                .map(DataFormat.FileType::format)
                .orElseThrow(() ->
                        new InvalidSourceFile("cannot tell the format of " + name + " (csv, jsonl, json, parquet)"));
    }

    /** One task: one landed file, streamed record by record. */
    private static final class ReadFile implements FlatMapFunction<Integer, Row> {

        @Serial
        private static final long serialVersionUID = 1L;

        private final HadoopConf conf;
        private final List<String> inputs;
        private final DatasetSpec dataset;
        private final RowShaper shaper;
        private final CollectionAccumulator<FileFailure> failures;
        private final CollectionAccumulator<FileColumn> undeclared;

        ReadFile(
                HadoopConf conf,
                List<String> inputs,
                DatasetSpec dataset,
                RowShaper shaper,
                CollectionAccumulator<FileFailure> failures,
                CollectionAccumulator<FileColumn> undeclared) {
            this.conf = conf;
            this.inputs = inputs;
            this.dataset = dataset;
            this.shaper = shaper;
            this.failures = failures;
            this.undeclared = undeclared;
        }

        @Override
        public Iterator<Row> call(Integer index) throws IOException {
            String input = inputs.get(index);
            // new Path(String) takes the key literally; FileSystem.open never expands a pattern.
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(conf.get());
            if (fs instanceof ChecksumFileSystem checksummed) {
                // The local file system would look for a ".<name>.crc" beside the file, a path Hadoop
                // cannot build for a name holding a colon; a landed file has no Hadoop checksum anyway.
                fs = checksummed.getRawFileSystem();
            }
            InputStream stream;
            try {
                stream = fs.open(path);
            } catch (IOException unreadable) {
                failures.add(new FileFailure(index, reason(unreadable)));
                return Collections.emptyIterator();
            }
            boolean gzip = DataFormat.fromFileName(path.getName())
                    .map(DataFormat.FileType::gzip)
                    .orElse(false);
            try {
                InputStream content = gzip ? new GZIPInputStream(stream, 64 * 1024) : stream;
                Iterator<SourceRecord> records = format(input) == DataFormat.CSV
                        ? csv(index, content)
                        : new JsonRecords(content, dataset.rows(), JsonRecords.mayHoldAnArray(path.getName()));
                return new Shaped(index, records, content);
            } catch (InvalidSourceFile | IOException | UncheckedIOException failure) {
                stream.close();
                failures.add(new FileFailure(index, reason(failure)));
                return Collections.emptyIterator();
            }
        }

        private Iterator<SourceRecord> csv(int index, InputStream content) {
            CsvRecords records = new CsvRecords(content, dataset.csv(), dataset.rows());
            shaper.checkColumns(records.header());
            shaper.undeclared(records.header()).forEach(name -> undeclared.add(new FileColumn(index, name)));
            return records;
        }

        /** Shapes records as Spark pulls them; a file that breaks midway is recorded and ends. */
        private final class Shaped extends Lookahead<Row> {
            private final int index;
            private final Iterator<SourceRecord> records;
            private final InputStream content;
            private final Set<String> seenExtra = new LinkedHashSet<>();

            Shaped(int index, Iterator<SourceRecord> records, InputStream content) {
                this.index = index;
                this.records = records;
                this.content = content;
            }

            @Override
            protected Row advance() {
                try {
                    if (records.hasNext()) {
                        return shape(records.next());
                    }
                } catch (InvalidSourceFile | UncheckedIOException failure) {
                    failures.add(new FileFailure(index, reason(failure)));
                }
                close();
                return null;
            }

            private Row shape(SourceRecord record) {
                if (record.nested() != null && record.problem() == null) {
                    // JSON records each name their own columns: the policy applies to each new one.
                    for (String name : shaper.undeclared(record.names())) {
                        if (seenExtra.add(name)) {
                            shaper.checkColumns(new String[] {name});
                            undeclared.add(new FileColumn(index, name));
                        }
                    }
                }
                return shaper.shape(index, record);
            }

            private void close() {
                try {
                    content.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Why a file cannot be read, for a person: the refusal itself, or the failure's type and first line. */
    public static String reason(Exception failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        String message = cause.getMessage();
        if (cause instanceof InvalidSourceFile) {
            return message;
        }
        return "cannot be read (" + cause.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse("")) + ")";
    }
}

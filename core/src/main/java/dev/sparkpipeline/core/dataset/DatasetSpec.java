package dev.sparkpipeline.core.dataset;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.profile.EngineProfiles;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Everything the pipeline knows about one dataset: how to recognise its files, what they must
 * contain, where its job runs, and how the job curates it.
 *
 * @param name           dataset name
 * @param prefix         landing key prefix that routes a file to this dataset
 * @param formats        accepted formats
 * @param gzip           whether gzip-compressed text files are accepted
 * @param minBytes       smallest accepted file
 * @param maxBytes       largest accepted file
 * @param csv            CSV dialect
 * @param columns        the schema
 * @param key            columns that identify a row: with a key, a run merges its rows into the table (one row
 *                       per key across files); without one, it appends them
 * @param orderBy        the column that orders the rows of one key (the greatest wins), or null: the newest
 *                       arrival wins (landing time, then version, then line)
 * @param partitionBy    the table's partition fields: columns, or Iceberg transforms ({@link PartitionField})
 * @param maxErrorRatio  share of rejected rows above which the job fails
 * @param engine         the engine for files below every size threshold
 * @param engineBySize   larger files' engines
 * @param timeoutMinutes the job's deadline
 * @param rows           how strictly rows are read (encoding, extra columns, duplicates, numbers, bounds)
 * @param batch          how landed files are batched into one execution, or null: one execution per file
 * @param job            the Spark application the dataset runs: {@link JobSpec#CURATE} unless it names its own
 * @param profiles       how each engine is sized and configured for this dataset
 */
public record DatasetSpec(
        String name,
        String prefix,
        Set<DataFormat> formats,
        boolean gzip,
        long minBytes,
        long maxBytes,
        CsvOptions csv,
        List<ColumnSpec> columns,
        List<String> key,
        String orderBy,
        List<String> partitionBy,
        double maxErrorRatio,
        Engine engine,
        List<SizeThreshold> engineBySize,
        int timeoutMinutes,
        RowRules rows,
        BatchPolicy batch,
        JobSpec job,
        EngineProfiles profiles)
        implements Serializable {

    public DatasetSpec {
        formats = Set.copyOf(formats);
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        partitionBy = List.copyOf(partitionBy);
        engineBySize = List.copyOf(engineBySize);
        job = job == null ? JobSpec.CURATE : job;
        profiles = profiles == null ? EngineProfiles.DEFAULT : profiles;
    }

    /**
     * Whether a landed file of this size joins a batch: the dataset batches, the file fits a batch,
     * and its size routes it to the dataset's default engine (a large engine runs a file alone).
     */
    public boolean batches(long sizeBytes) {
        return batch != null && batch.admits(sizeBytes) && engineFor(sizeBytes).equals(engine);
    }

    /** The same dataset with another batching policy, or none (per-file executions). */
    public DatasetSpec withBatch(BatchPolicy other) {
        return new DatasetSpec(
                name,
                prefix,
                formats,
                gzip,
                minBytes,
                maxBytes,
                csv,
                columns,
                key,
                orderBy,
                partitionBy,
                maxErrorRatio,
                engine,
                engineBySize,
                timeoutMinutes,
                rows,
                other,
                job,
                profiles);
    }

    /** The partition fields, parsed. */
    public List<PartitionField> partitionFields() {
        return partitionBy.stream()
                .map(entry -> PartitionField.parse(entry).orElseThrow())
                .toList();
    }

    /** The columns a landed file must carry. */
    public List<String> requiredColumns() {
        return columns.stream()
                .filter(ColumnSpec::required)
                .map(ColumnSpec::name)
                .toList();
    }

    /** The engine for a file of this size: the largest threshold it reaches, else the default. */
    public Engine engineFor(long sizeBytes) {
        return engineBySize.stream()
                .filter(threshold -> sizeBytes >= threshold.minBytes())
                .max(Comparator.comparingLong(SizeThreshold::minBytes))
                .map(SizeThreshold::engine)
                .orElse(engine);
    }

    /**
     * The smallest accepted file that runs on this engine, or empty when none does. {@link
     * #engineFor} changes only at a threshold, so the sizes to try are the smallest accepted one and
     * every threshold above it up to {@code maxBytes}: a threshold beyond {@code maxBytes} is never
     * reached (validate quarantines such a file as too large before any engine is chosen).
     */
    public OptionalLong smallestFileOn(Engine candidate) {
        long smallest = Math.max(1, minBytes);
        return LongStream.concat(
                        LongStream.of(smallest),
                        engineBySize.stream()
                                .mapToLong(SizeThreshold::minBytes)
                                .filter(size -> size > smallest && size <= maxBytes)
                                .sorted())
                .filter(size -> engineFor(size).equals(candidate))
                .findFirst();
    }
}

package dev.sparkpipeline.core.outcome;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one curate run wrote: {@code <output>/_manifests/<runId>.json}, the last file a run writes.
 * The curate job writes it; publishing, the job's next attempt and the local runner read it
 * ({@code ManifestJson} is its one codec).
 *
 * @param dataset      dataset name
 * @param runId        the run
 * @param source       the landed file, or null when the manifest does not say
 * @param rowsIn       rows read
 * @param rowsOut      rows written (after rejects and duplicates)
 * @param rejected     rows that failed the schema
 * @param duplicates   rows dropped as duplicates
 * @param schema       every written column (partition columns included) to its Spark SQL type, in order
 * @param partitions   partitions the run's commit added data files to ({@code ingest_date=2026-11-22})
 * @param files        data files the run's commit added, relative to the table's location
 * @param rejects      rejected rows by column and rule, most frequent first
 * @param errors       where the rejected rows are ({@code <output>/_errors/run_id=<run>/}), or null when none are
 * @param extraPolicy  the dataset's {@code extraColumns} policy: drop, keep or reject; null when not said
 * @param extraColumns the source columns the dataset does not declare (dropped or kept by that policy)
 * @param dedupe       how duplicates were found: key, rows or none; null when not said
 * @param table        the Iceberg commit that holds the run's rows, or null (a manifest of an earlier version)
 * @param sources      for a batch, each member's fate in the run; empty for a run of one file
 */
public record Manifest(
        String dataset,
        String runId,
        String source,
        long rowsIn,
        long rowsOut,
        long rejected,
        long duplicates,
        Map<String, String> schema,
        List<String> partitions,
        List<String> files,
        List<RejectCount> rejects,
        String errors,
        String extraPolicy,
        List<String> extraColumns,
        String dedupe,
        TableCommit table,
        List<SourceResult> sources) {

    public Manifest {
        // The schema's order is the table's column order: copied, not re-hashed.
        schema = schema == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        files = files == null ? List.of() : List.copyOf(files);
        rejects = rejects == null ? List.of() : List.copyOf(rejects);
        extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * Each member's fate, paired with the batch's members: the job lists them in the batch
     * manifest's order (by position, since a member's {@code uri} is where the job read it, which
     * offline is a local path); empty when the manifest gives no fate for each.
     */
    public <M> Map<M, SourceResult> fatesOf(List<M> members) {
        if (sources.size() != members.size()) {
            return Map.of();
        }
        Map<M, SourceResult> fates = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            fates.put(members.get(i), sources.get(i));
        }
        return fates;
    }

    /**
     * What became of one member of a batch.
     *
     * @param uri       the landed file ({@code s3://bucket/key})
     * @param versionId its version, or null when the bucket is unversioned
     * @param status    {@code CURATED} (its rows are in the commit) or {@code FAILED} (set aside, none of its rows are)
     * @param rowsIn    rows read from the file
     * @param rowsOut   rows of the file the commit holds (after rejects and duplicates)
     * @param rejected  rows of the file that did not fit
     * @param reason    why the file failed, or null when it was curated
     */
    public record SourceResult(
            String uri, String versionId, Status status, long rowsIn, long rowsOut, long rejected, String reason) {

        /** Whether the file's rows are in the commit. */
        public boolean curated() {
            return status == Status.CURATED;
        }
    }

    /** A batch member's fate in the run. */
    public enum Status {
        CURATED,
        FAILED
    }

    /** Where a run's manifest is, relative to its dataset's curated root. */
    public static String relativePath(String runId) {
        return "_manifests/" + runId + ".json";
    }

    /**
     * The table commit a run's rows are in.
     *
     * @param name             the table, without the catalog name ({@code <database>.<dataset>}, or the dataset offline)
     * @param location         the table's location: its folder, which any Iceberg reader opens
     * @param metadataLocation the table metadata file of the commit
     * @param snapshotId       the snapshot that holds the source's rows
     * @param mode             {@code merge} (the dataset has a key) or {@code append}
     * @param replayed         true when an earlier run had committed this source version: nothing was written
     * @param maintenance      what the run's upkeep did (files compacted, snapshots expired), or null when it did nothing
     */
    public record TableCommit(
            String name,
            String location,
            String metadataLocation,
            long snapshotId,
            String mode,
            boolean replayed,
            String maintenance) {}

    /**
     * How many rejected rows broke one rule in one column.
     *
     * @param column the column, or null for a rule about the whole record (field count, malformed JSON)
     * @param rule   the rule's id ({@code not_a_date})
     * @param count  rows
     */
    public record RejectCount(String column, String rule, long count) {}
}

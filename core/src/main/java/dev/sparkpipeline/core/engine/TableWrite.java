package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.SourceObject;
import java.time.Instant;

/**
 * What the curate job needs to commit a run to its dataset's table: the table, which source
 * version the rows come from (a replay of a committed version changes nothing; the arrival
 * orders rows of the same key when the dataset declares no ordering column) and when the table
 * is looked after (small files compacted, old snapshots expired).
 *
 * @param table         the table without the catalog name ({@link IcebergCatalog#table})
 * @param sourceVersion the source object's version id, or null when the bucket is unversioned
 * @param sourceEtag    the source object's ETag, or null when the input does not say
 * @param landedAt      when the source landed, or null (the job then uses the run's start)
 * @param upkeep        when the table is compacted and its snapshots expired
 */
public record TableWrite(String table, String sourceVersion, String sourceEtag, Instant landedAt, TableUpkeep upkeep) {

    public TableWrite {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("a table write needs its table");
        }
        upkeep = upkeep == null ? TableUpkeep.DEFAULT : upkeep;
    }

    /** A write of an unidentified source to {@code table} with the default upkeep: for tests and hand-made calls. */
    public static TableWrite to(String table) {
        return new TableWrite(table, null, null, null, TableUpkeep.DEFAULT);
    }

    /** The write of {@code source} to {@code table}. */
    public static TableWrite of(String table, SourceObject source, TableUpkeep upkeep) {
        return new TableWrite(table, source.versionId(), source.etag(), source.landedAt(), upkeep);
    }
}

package dev.sparkpipeline.curate.table;

import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.engine.TableUpkeep;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Looks after a table the way Iceberg's procedures do: {@code rewrite_data_files} bin-packs the
 * small files thousands of small runs leave into large ones, and {@code expire_snapshots} drops
 * the snapshots older than the retention (and the files only they referenced). The curate job runs
 * it after every {@code compactEveryCommits}-th commit; {@code bin/pipeline-local maintain} on
 * demand. Orphan files are not removed: the run documents ({@code _manifests/}, {@code _errors/})
 * live beside the table's data and are not Iceberg's.
 */
public final class TableMaintenance {

    private final SparkSession spark;
    private final CuratedTable table;
    private final TableUpkeep upkeep;

    public TableMaintenance(SparkSession spark, CuratedTable table, TableUpkeep upkeep) {
        this.spark = spark;
        this.table = table;
        this.upkeep = upkeep;
    }

    /** Maintains the table when enough commits have piled up since its last compaction; says what it did, if anything. */
    public Optional<String> afterCommit() {
        if (upkeep.compactEveryCommits() == 0) {
            return Optional.empty();
        }
        Table current = table.load().orElseThrow();
        String lastUpkeep = current.properties().get(LAST_UPKEEP);
        int commits = 0;
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(current)) {
            // Counted since the last compaction, or the last upkeep, which may have had nothing to compact.
            if (DataOperations.REPLACE.equals(snapshot.operation())
                    || String.valueOf(snapshot.snapshotId()).equals(lastUpkeep)) {
                break;
            }
            commits++;
        }
        if (commits < upkeep.compactEveryCommits()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } catch (RuntimeException failed) {
            // The run's rows are committed already: a failed upkeep is said, and the next one tries again.
            return Optional.of("maintenance failed, the run's commit stands: " + failed.getMessage());
        }
    }

    /** The table property that names the snapshot the last upkeep ran at. */
    static final String LAST_UPKEEP = "pipeline.last-upkeep-snapshot";

    /** Compacts the table's small files and expires its old snapshots; says what it did. */
    public String run() {
        String identifier = table.name();
        Row rewritten = spark.sql("CALL " + IcebergCatalog.NAME + ".system.rewrite_data_files(table => '" + identifier
                        + "', options => map('min-input-files', '2'))")
                .first();
        Instant olderThan = Instant.now().minus(Duration.ofDays(upkeep.snapshotRetentionDays()));
        Row expired = spark.sql("CALL " + IcebergCatalog.NAME + ".system.expire_snapshots(table => '" + identifier
                        + "', older_than => TIMESTAMP '" + olderThan + "', retain_last => 1)")
                .first();
        Table after = table.load().orElseThrow();
        if (after.currentSnapshot() != null) {
            after.updateProperties()
                    .set(LAST_UPKEEP, String.valueOf(after.currentSnapshot().snapshotId()))
                    .commit();
        }
        return "compacted " + rewritten.getAs("rewritten_data_files_count") + " data files into "
                + rewritten.getAs("added_data_files_count") + "; expired snapshots older than "
                + upkeep.snapshotRetentionDays() + " days (" + expired.getAs("deleted_data_files_count")
                + " data files and " + expired.getAs("deleted_manifest_files_count") + " manifests deleted)";
    }
}

package dev.sparkpipeline.core.engine;

/**
 * When the curate job looks after its table: after every {@code compactEveryCommits}-th commit it
 * rewrites small data files into large ones (Iceberg's {@code rewrite_data_files}) and expires
 * snapshots older than {@code snapshotRetentionDays} ({@code expire_snapshots}). The template's
 * parameters {@code TableCompactEveryCommits} and {@code TableSnapshotRetentionDays} set them in
 * the cloud; {@code bin/pipeline-local maintain} does the same work on demand.
 *
 * @param compactEveryCommits   commits between two compactions; 0 never compacts after a commit
 * @param snapshotRetentionDays how long a snapshot stays readable (time travel, and the replay check)
 */
public record TableUpkeep(int compactEveryCommits, int snapshotRetentionDays) {

    /** The template's defaults. */
    public static final TableUpkeep DEFAULT = new TableUpkeep(20, 7);

    public TableUpkeep {
        if (compactEveryCommits < 0 || snapshotRetentionDays < 1) {
            throw new IllegalArgumentException("compactEveryCommits must be >= 0 and snapshotRetentionDays >= 1, not "
                    + compactEveryCommits + " and " + snapshotRetentionDays);
        }
    }
}

package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * After a successful job: makes sure the run's Iceberg table is registered in the catalog (the
 * job's commit made the rows visible already) and archives the source (a
 * verified copy under {@code _processed/}, then the source deleted if configured). A failure
 * recorded for the same object by an earlier run is superseded: removed from {@code failed/},
 * and its reason kept in the archive's reason document, so the file is in one place. Every step
 * tolerates being repeated.
 */
public final class Publisher {

    /** Where sources are archived, in the curated bucket. */
    public static final String ARCHIVE_PREFIX = "_processed/";

    private static final int MANIFEST_MAX_BYTES = 1 << 20;

    private final ObjectStore store;
    private final Catalog catalog;
    private final String curatedBucket;
    private final QuarantineWriter archive;
    private final QuarantineWriter failures;
    private final Clock clock;

    /**
     * @param quarantineBucket the bucket of {@code failed/}, where an earlier failure of the same object may be recorded
     * @param deleteSource     delete the landed file once its archive copy is verified
     */
    public Publisher(
            ObjectStore store,
            Catalog catalog,
            String curatedBucket,
            String quarantineBucket,
            boolean deleteSource,
            Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.curatedBucket = curatedBucket;
        this.archive = new QuarantineWriter(store, curatedBucket, ARCHIVE_PREFIX, deleteSource);
        this.failures = new QuarantineWriter(store, quarantineBucket, FailureRecorder.PREFIX, false);
        this.clock = clock;
    }

    /**
     * Publishes one run; answers the summary the state machine outputs.
     *
     * @param startedAt when the execution started, or null: dates the archive of a source whose landing time is unknown
     */
    public Map<String, Object> publish(String runId, Instant startedAt, ExecutionInput input) {
        String root = input.dataset();
        String manifestKey = root + "/" + Manifest.relativePath(runId);
        byte[] manifestJson = store.readRange(curatedBucket, manifestKey, null, 0, MANIFEST_MAX_BYTES)
                .orElseThrow(() -> new NotFound("no manifest at s3://" + curatedBucket + "/" + manifestKey
                        + ": the job did not finish writing"));
        Manifest manifest = ManifestJson.read(manifestJson);
        Manifest.TableCommit table = manifest.table();
        if (table == null) {
            throw new InvalidInput("manifest s3://" + curatedBucket + "/" + manifestKey
                    + " names no table commit: the curate job is older than the pipeline (deploy its jar again)");
        }
        boolean created = catalog.register(manifest.dataset(), table.location(), table.metadataLocation());

        Optional<StoredObject> source = store.head(
                input.source().bucket(), input.source().key(), input.source().versionId());
        Instant landedAt =
                RecordLocation.landingTime(input.source(), source, startedAt != null ? startedAt : clock.instant());
        String archived = null;
        String superseded = null;
        if (source.isPresent()) {
            ObjectIdentity identity = ObjectIdentity.of(source.get());
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("runId", runId);
            reason.put("dataset", input.dataset());
            Optional<Map<String, Object>> earlierFailure = failures.reason(identity, landedAt);
            if (earlierFailure.isPresent()) {
                // Removed before the archive is written: a crash in between leaves the file in
                // landing only, and the retry archives it; never in two places.
                superseded = failures.uri(failures.location(identity, landedAt).reasonKey());
                reason.put("supersedes", Map.of("failure", superseded, "reason", earlierFailure.get()));
                failures.remove(identity, landedAt);
            }
            archived = archive.setAside(source.get(), reason, landedAt).copyUri();
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("table", manifest.dataset());
        summary.put("tableCreated", created);
        summary.put("curated", table.location());
        summary.put("snapshot", table.snapshotId());
        summary.put("replayed", table.replayed());
        summary.put(
                "rows",
                Map.of(
                        "in",
                        manifest.rowsIn(),
                        "out",
                        manifest.rowsOut(),
                        "rejected",
                        manifest.rejected(),
                        "duplicates",
                        manifest.duplicates()));
        summary.put("manifest", "s3://" + curatedBucket + "/" + manifestKey);
        summary.put("archived", archived);
        if (superseded != null) {
            summary.put("supersededFailure", superseded);
        }
        return summary;
    }
}

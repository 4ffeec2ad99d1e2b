package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.intake.BatchManifests;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a successful job: makes sure the run's Iceberg table is registered in the catalog (the
 * job's commit made the rows visible already) and archives the source (a
 * verified copy under {@code _processed/}, then the source deleted if configured). A failure
 * recorded for the same object by an earlier run is superseded: removed from {@code failed/},
 * and its reason kept in the archive's reason document, so the file is in one place. For a
 * batch, every member gets its own fate from the job's manifest: a curated one is archived, one
 * the job set aside is recorded under {@code failed/} with its reason. Every step tolerates being
 * repeated. Each publication publishes its files curated and the manifest's rows per dataset and
 * engine (and, for a batch, the members newly recorded as failed).
 */
public final class Publisher {

    /** Where sources are archived, in the curated bucket. */
    public static final String ARCHIVE_PREFIX = "_processed/";

    private static final int MANIFEST_MAX_BYTES = BatchManifests.MAX_MANIFEST_BYTES;
    /** The most failed members a summary names; the rest are counted (the state's size is bounded). */
    private static final int FAILURES_NAMED = 20;

    private final ObjectStore store;
    private final Catalog catalog;
    private final String curatedBucket;
    private final QuarantineWriter archive;
    private final QuarantineWriter failures;
    private final FailureRecorder failureRecorder;
    private final Clock clock;
    private final Metrics metrics;

    /**
     * @param quarantineBucket the bucket of {@code failed/}, where an earlier failure of the same object may be recorded
     * @param deleteSource     delete the landed file once its archive copy is verified
     * @param metrics          where each publication's files and rows are published
     */
    public Publisher(
            ObjectStore store,
            Catalog catalog,
            String curatedBucket,
            String quarantineBucket,
            boolean deleteSource,
            Clock clock,
            Metrics metrics) {
        this.store = store;
        this.catalog = catalog;
        this.curatedBucket = curatedBucket;
        this.archive = new QuarantineWriter(store, curatedBucket, ARCHIVE_PREFIX, deleteSource);
        this.failures = new QuarantineWriter(store, quarantineBucket, FailureRecorder.PREFIX, false);
        this.failureRecorder = new FailureRecorder(store, quarantineBucket, clock, metrics);
        this.clock = clock;
        this.metrics = metrics;
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
                        + ": the job did not write it (every job leaves one, docs/job-contract.md)"));
        Manifest manifest = ManifestJson.read(manifestJson);
        Manifest.TableCommit table = manifest.table();
        if (table == null) {
            throw new InvalidInput(
                    "manifest s3://" + curatedBucket + "/" + manifestKey
                            + " names no table commit: the job is older than the pipeline, or writes no table commit (docs/job-contract.md)");
        }
        boolean created = catalog.register(manifest.dataset(), table.location(), table.metadataLocation());

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
        if (input.isBatch()) {
            Settled settled = settleMembers(runId, startedAt, input, manifest);
            summary.put("files", settled.summary());
            publishMetrics(input, manifest, settled.curated(), settled.newlyFailed());
            return summary;
        }
        Archived archived = archive(runId, startedAt, input.dataset(), input.source());
        summary.put("archived", archived.copyUri());
        if (archived.superseded() != null) {
            summary.put("supersededFailure", archived.superseded());
        }
        publishMetrics(input, manifest, 1, null);
        return summary;
    }

    /**
     * The run's files and rows, per dataset and engine. Counted per publication: the state machine
     * publishes a run once (a Lambda retry after an answer lost in transit would count it again).
     *
     * @param newlyFailed batch members newly recorded under {@code failed/}, or null for a run of one file
     */
    private void publishMetrics(ExecutionInput input, Manifest manifest, int curated, Integer newlyFailed) {
        List<Metrics.Value> values = new ArrayList<>();
        values.add(Metrics.Value.count(MetricNames.FILES_CURATED, curated));
        if (newlyFailed != null) {
            values.add(Metrics.Value.count(MetricNames.FILES_FAILED, newlyFailed));
        }
        values.add(Metrics.Value.count(MetricNames.ROWS_IN, manifest.rowsIn()));
        values.add(Metrics.Value.count(MetricNames.ROWS_CURATED, manifest.rowsOut()));
        values.add(Metrics.Value.count(MetricNames.ROWS_REJECTED, manifest.rejected()));
        values.add(Metrics.Value.count(MetricNames.ROWS_DUPLICATE, manifest.duplicates()));
        metrics.publish(input.dataset(), input.engine(), values);
    }

    /** A batch settled: the summary's {@code files}, its members curated, and those newly recorded as failed. */
    private record Settled(Map<String, Object> summary, int curated, int newlyFailed) {}

    /** Every member of a batch to its place: archived when curated, recorded under failed/ when set aside. */
    private Settled settleMembers(String runId, Instant startedAt, ExecutionInput input, Manifest manifest) {
        List<SourceObject> members = new BatchManifests(store).sources(input);
        Map<SourceObject, Manifest.SourceResult> results = manifest.fatesOf(members);
        if (results.isEmpty()) {
            throw new InvalidInput(
                    "manifest of run " + runId + " gives " + manifest.sources().size()
                            + " fates for a batch of " + members.size()
                            + " files: the job is older than the pipeline, or lists no fate per member (docs/job-contract.md)");
        }
        int curated = 0;
        List<Map<String, Object>> failed = new ArrayList<>();
        int failedCount = 0;
        int newlyFailed = 0;
        for (SourceObject member : members) {
            Manifest.SourceResult result = results.get(member);
            if (result.curated()) {
                archive(runId, startedAt, input.dataset(), member);
                curated++;
                continue;
            }
            newlyFailed += failureRecorder
                    .recordFile(runId, startedAt, input, member, null, "SourceRejected", result.reason())
                    .newlyRecorded();
            failedCount++;
            if (failed.size() < FAILURES_NAMED) {
                failed.add(Map.of("key", member.key(), "reason", String.valueOf(result.reason())));
            }
        }
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("batch", input.batch().id());
        files.put("members", members.size());
        files.put("curated", curated);
        files.put("failed", failedCount);
        files.put("failures", failed);
        return new Settled(files, curated, newlyFailed);
    }

    /** Where a source was archived, and the earlier failure record it superseded (or null). */
    private record Archived(String copyUri, String superseded) {}

    /** Archives one curated source (nothing when it is gone already: an earlier attempt archived it). */
    private Archived archive(String runId, Instant startedAt, String dataset, SourceObject file) {
        Optional<StoredObject> source = store.head(file.bucket(), file.key(), file.versionId());
        if (source.isEmpty()) {
            return new Archived(null, null);
        }
        Instant landedAt = RecordLocation.landingTime(file, source, startedAt != null ? startedAt : clock.instant());
        ObjectIdentity identity = ObjectIdentity.of(source.get());
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("runId", runId);
        reason.put("dataset", dataset);
        String superseded = null;
        Optional<Map<String, Object>> earlierFailure = failures.reason(identity, landedAt);
        if (earlierFailure.isPresent()) {
            // Removed before the archive is written: a crash in between leaves the file in
            // landing only, and the retry archives it; never in two places.
            superseded = failures.uri(failures.location(identity, landedAt).reasonKey());
            reason.put("supersedes", Map.of("failure", superseded, "reason", earlierFailure.get()));
            failures.remove(identity, landedAt);
        }
        return new Archived(archive.setAside(source.get(), reason, landedAt).copyUri(), superseded);
    }
}

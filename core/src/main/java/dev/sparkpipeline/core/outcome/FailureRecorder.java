package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.BatchManifests;
import dev.sparkpipeline.core.json.FailureReasonJson;
import dev.sparkpipeline.core.json.JsonObject;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a failed execution where people look for it: the source version copied to its
 * {@link RecordLocation} under {@code failed/} with a reason document beside it (the failure
 * kind, the engine's reason, log links). A source already gone still gets its reason document.
 * A failed batch records every member so: each with its own reason when the job's manifest
 * names one (the job set every file aside), else the run's. Each execution's record publishes
 * {@code FilesFailed}: the files newly recorded, so a repeated record (a retry, the reconciler
 * after the failure path) counts none again.
 */
public final class FailureRecorder {

    /** Where failures are recorded, in the quarantine bucket. */
    public static final String PREFIX = "failed/";

    /** The largest reason document read back (QuarantineWriter's limit). */
    private static final int REASON_MAX_BYTES = 1 << 20;

    private final ObjectStore store;
    private final QuarantineWriter failed;
    private final String bucket;
    private final Clock clock;
    private final Metrics metrics;

    /**
     * @param store   where the source and the record live
     * @param bucket  the bucket of the {@code failed/} prefix (the quarantine bucket)
     * @param clock   dates the record
     * @param metrics where {@link #record} publishes the files it newly recorded
     */
    public FailureRecorder(ObjectStore store, String bucket, Clock clock, Metrics metrics) {
        this.store = store;
        this.failed = new QuarantineWriter(store, bucket, PREFIX, false);
        this.bucket = bucket;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records one failure and publishes the files it newly recorded ({@code FilesFailed}, per
     * dataset and engine); repeating the call records, and counts, nothing twice.
     *
     * @param startedAt when the execution started, or null when unknown: dates the record of a
     *                  source whose landing time is unknown
     */
    public FailureRecord record(
            String executionName,
            Instant startedAt,
            ExecutionInput input,
            JobStatus lastStatus,
            String kind,
            String cause) {
        FailureRecord record = recordEvery(executionName, startedAt, input, lastStatus, kind, cause);
        metrics.publish(
                input.dataset(),
                input.engine(),
                List.of(Metrics.Value.count(MetricNames.FILES_FAILED, record.newlyRecorded())));
        return record;
    }

    private FailureRecord recordEvery(
            String executionName,
            Instant startedAt,
            ExecutionInput input,
            JobStatus lastStatus,
            String kind,
            String cause) {
        if (!input.isBatch()) {
            return recordFile(executionName, startedAt, input, input.source(), lastStatus, kind, cause);
        }
        List<SourceObject> members = new BatchManifests(store).sources(input);
        Map<SourceObject, String> reasons = ownReasons(executionName, input, members);
        FailureRecord first = null;
        int files = 0;
        int newlyRecorded = 0;
        for (SourceObject member : members) {
            FailureRecord record = recordFile(
                    executionName, startedAt, input, member, lastStatus, kind, reasons.getOrDefault(member, cause));
            first = first == null ? record : first;
            files++;
            newlyRecorded += record.newlyRecorded();
        }
        return new FailureRecord(first.failedUri(), first.reasonUri(), first.sourceMissing(), files, newlyRecorded);
    }

    /** Each member's own reason, from the manifest the job wrote before it failed (when it wrote one). */
    private Map<SourceObject, String> ownReasons(
            String executionName, ExecutionInput input, List<SourceObject> members) {
        Map<SourceObject, String> reasons = new HashMap<>();
        String key = input.dataset() + "/" + Manifest.relativePath(executionName);
        store.readRange(input.source().bucket(), key, null, 0, BatchManifests.MAX_MANIFEST_BYTES)
                .map(ManifestJson::read)
                .ifPresent(manifest -> manifest.fatesOf(members).forEach((member, fate) -> {
                    if (fate.reason() != null) {
                        reasons.put(member, fate.reason());
                    }
                }));
        return reasons;
    }

    /**
     * Records one landed file of a failed run (publishing also records a batch member the job set
     * aside); repeating the call records nothing twice. Publishes nothing: its caller counts.
     */
    public FailureRecord recordFile(
            String executionName,
            Instant startedAt,
            ExecutionInput input,
            SourceObject file,
            JobStatus lastStatus,
            String kind,
            String cause) {
        Instant now = clock.instant();
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("kind", kind);
        reason.put("cause", cause);
        reason.put("executionName", executionName);
        reason.put("dataset", input.dataset());
        reason.put("engine", input.engine().name());
        reason.put("failedAt", now.toString());
        if (lastStatus != null) {
            reason.put("jobState", lastStatus.rawState());
            reason.put("links", lastStatus.links());
            reason.put("estimatedCostUsd", lastStatus.estimatedCostUsd());
        }
        if (input.isBatch()) {
            reason.put("batch", input.batch().id());
        }
        Optional<StoredObject> source = store.head(file.bucket(), file.key(), file.versionId());
        Instant landedAt = RecordLocation.landingTime(file, source, startedAt != null ? startedAt : now);
        // A replay re-runs the file with this landing time, so that its records stay in this day's folder.
        reason.put("landedAt", landedAt.toString());
        ObjectIdentity identity = source.map(ObjectIdentity::of).orElse(file.identity());
        Optional<FailureRecord> again = failedAgain(identity, landedAt, executionName, reason, source.isEmpty());
        if (again.isPresent()) {
            return again.get();
        }
        if (source.isPresent()) {
            var setAside = failed.setAside(source.get(), reason, landedAt);
            return new FailureRecord(
                    setAside.copyUri(), setAside.reasonUri(), false, 1, setAside.alreadySetAside() ? 0 : 1);
        }
        String reasonKey = failed.location(file.identity(), landedAt).reasonKey();
        if (store.head(bucket, reasonKey, null).isPresent()) {
            // Recorded before (the failure path, then the reconciler; or a retry): the first record stands.
            return new FailureRecord(null, failed.uri(reasonKey), true, 1, 0);
        }
        reason.put("source", Map.of("uri", file.uri(), "missing", true));
        store.put(bucket, reasonKey, "application/json", JsonObject.write(reason));
        return new FailureRecord(null, failed.uri(reasonKey), true, 1, 1);
    }

    /**
     * The record of a file whose replay ({@link FailureReplayer}) failed it again: the record the
     * replay marked is rewritten to name this failure (the earlier ones kept in it), so the file
     * keeps one record, and a later replay runs under a name of its own. Any other existing record
     * stands as it is; empty when the file has no record marked by this execution.
     */
    private Optional<FailureRecord> failedAgain(
            ObjectIdentity identity,
            Instant landedAt,
            String executionName,
            Map<String, Object> reason,
            boolean sourceMissing) {
        String reasonKey = failed.location(identity, landedAt).reasonKey();
        Optional<byte[]> existing = store.readRange(bucket, reasonKey, null, 0, REASON_MAX_BYTES);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        FailureReason.Replay replay;
        try {
            replay = FailureReasonJson.read(existing.get()).replayed();
        } catch (InvalidInput unreadable) {
            return Optional.empty();
        }
        if (replay == null || !replay.execution().equals(executionName)) {
            return Optional.empty();
        }
        store.put(bucket, reasonKey, "application/json", FailureReasonJson.failedAgain(existing.get(), reason));
        String copyUri = sourceMissing
                ? null
                : failed.uri(failed.location(identity, landedAt).copyKey());
        // The file was under failed/ already (the replay left its record there): nothing new to count.
        return Optional.of(new FailureRecord(copyUri, failed.uri(reasonKey), sourceMissing, 1, 0));
    }

    /**
     * Where a failure was recorded: for a batch, its first member's record.
     *
     * @param failedUri     the copy of the source, or null when the source was already gone
     * @param reasonUri     the reason document
     * @param sourceMissing true when the source was gone
     * @param files         how many landed files were recorded (a batch's members)
     * @param newlyRecorded how many of them had no record under {@code failed/} before this call
     */
    public record FailureRecord(
            String failedUri, String reasonUri, boolean sourceMissing, int files, int newlyRecorded) {}
}

package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records a failed execution where people look for it: the source version copied to its
 * {@link RecordLocation} under {@code failed/} with a reason document beside it (the failure
 * kind, the engine's reason, log links). A source already gone still gets its reason document.
 */
public final class FailureRecorder {

    /** Where failures are recorded, in the quarantine bucket. */
    public static final String PREFIX = "failed/";

    private final ObjectStore store;
    private final QuarantineWriter failed;
    private final String bucket;
    private final Clock clock;

    /**
     * @param store  where the source and the record live
     * @param bucket the bucket of the {@code failed/} prefix (the quarantine bucket)
     * @param clock  dates the record
     */
    public FailureRecorder(ObjectStore store, String bucket, Clock clock) {
        this.store = store;
        this.failed = new QuarantineWriter(store, bucket, PREFIX, false);
        this.bucket = bucket;
        this.clock = clock;
    }

    /**
     * Records one failure; repeating the call records nothing twice.
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
        Optional<StoredObject> source = store.head(
                input.source().bucket(), input.source().key(), input.source().versionId());
        Instant landedAt = RecordLocation.landingTime(input.source(), source, startedAt != null ? startedAt : now);
        if (source.isPresent()) {
            var setAside = failed.setAside(source.get(), reason, landedAt);
            return new FailureRecord(setAside.copyUri(), setAside.reasonUri(), false);
        }
        String reasonKey = failed.location(input.source().identity(), landedAt).reasonKey();
        if (store.head(bucket, reasonKey, null).isPresent()) {
            // Recorded before (the failure path, then the reconciler; or a retry): the first record stands.
            return new FailureRecord(null, failed.uri(reasonKey), true);
        }
        reason.put("source", Map.of("uri", input.source().uri(), "missing", true));
        store.put(bucket, reasonKey, "application/json", JsonObject.write(reason));
        return new FailureRecord(null, failed.uri(reasonKey), true);
    }

    /**
     * Where a failure was recorded.
     *
     * @param failedUri     the copy of the source, or null when the source was already gone
     * @param reasonUri     the reason document
     * @param sourceMissing true when the source was gone
     */
    public record FailureRecord(String failedUri, String reasonUri, boolean sourceMissing) {}
}

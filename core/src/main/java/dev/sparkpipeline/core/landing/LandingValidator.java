package dev.sparkpipeline.core.landing;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.core.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns each landed file into exactly one outcome: an execution started (or found, for a
 * repeated event), the file queued for its dataset's next batch (a dataset with a batch policy,
 * and a file its policy admits), or the file set aside in quarantine with a reason. A file already gone is
 * counted and logged. Any other failure (throttling, an outage) propagates, so the invocation
 * fails and Lambda retries the whole event; every step is idempotent, so a retry repeats nothing.
 */
public record LandingValidator(
        ObjectStore store,
        ExecutionStarter starter,
        LandingRules rules,
        QuarantineWriter quarantine,
        IntakeQueue intake,
        EventLog log,
        Metrics metrics) {

    /** Where rejected files are set aside, in the quarantine bucket. */
    public static final String QUARANTINE_PREFIX = "quarantine/";

    /** Validates every file of one event. */
    public ValidationReport validate(List<LandedObject> objects) {
        List<FileOutcome> outcomes = new ArrayList<>();
        for (LandedObject object : objects) {
            FileOutcome outcome = validate(object);
            outcomes.add(outcome);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("bucket", outcome.bucket());
            fields.put("key", outcome.key());
            fields.put("outcome", outcome.outcome().name());
            fields.put("dataset", outcome.dataset());
            fields.put("rule", outcome.rule() == null ? null : outcome.rule().name());
            fields.put("executionName", outcome.executionName());
            fields.put("eventId", object.eventId());
            log.info(outcome.message(), fields);
        }
        ValidationReport report = new ValidationReport(outcomes);
        Map<String, Integer> counts = new LinkedHashMap<>();
        report.counts().forEach((outcome, count) -> counts.put(metricName(outcome), count));
        metrics.counts(counts);
        publishFates(outcomes);
        return report;
    }

    /**
     * Files landed and quarantined, per dataset: a repeated event (a duplicate) or a file already
     * gone lands nothing new, so the dashboard counts each landed version once.
     */
    private void publishFates(List<FileOutcome> outcomes) {
        Map<String, long[]> byDataset = new LinkedHashMap<>();
        for (FileOutcome outcome : outcomes) {
            if (outcome.outcome() == FileOutcome.Outcome.DUPLICATE
                    || outcome.outcome() == FileOutcome.Outcome.MISSING) {
                continue;
            }
            long[] landedAndQuarantined = byDataset.computeIfAbsent(outcome.dataset(), dataset -> new long[2]);
            landedAndQuarantined[0]++;
            if (outcome.outcome() == FileOutcome.Outcome.QUARANTINED) {
                landedAndQuarantined[1]++;
            }
        }
        byDataset.forEach((dataset, landedAndQuarantined) -> metrics.publish(
                dataset,
                null,
                List.of(
                        Metrics.Value.count(MetricNames.FILES_LANDED, landedAndQuarantined[0]),
                        Metrics.Value.count(MetricNames.FILES_QUARANTINED, landedAndQuarantined[1]))));
    }

    private FileOutcome validate(LandedObject object) {
        Optional<StoredObject> found = find(object);
        if (found.isEmpty()) {
            return new FileOutcome(
                    object.bucket(),
                    object.key(),
                    FileOutcome.Outcome.MISSING,
                    null,
                    null,
                    "the object was gone before it could be checked",
                    null,
                    null,
                    null);
        }
        StoredObject stored = found.get();
        Verdict verdict = rules.check(stored.key(), stored.size(), new StoredObjectHead(store, stored));
        if (verdict instanceof Verdict.Rejected rejected) {
            return quarantine(object, stored, rejected.violation());
        }
        Verdict.Accepted accepted = (Verdict.Accepted) verdict;
        SourceObject source = new SourceObject(
                stored.bucket(),
                stored.key(),
                stored.versionId(),
                stored.etag(),
                stored.size(),
                landedAt(object, stored));
        if (accepted.dataset().batches(stored.size())) {
            // Its wait for a batch counts from its landing, the time its fate's latency is measured from.
            intake.send(new QueuedFile(accepted.dataset().name(), accepted.engine(), source, source.landedAt()));
            return new FileOutcome(
                    stored.bucket(),
                    stored.key(),
                    FileOutcome.Outcome.QUEUED,
                    accepted.dataset().name(),
                    null,
                    "queued for the next batch of dataset " + accepted.dataset().name(),
                    null,
                    null,
                    null);
        }
        var input = new ExecutionInput(
                accepted.dataset().name(),
                source,
                accepted.engine(),
                new JobSettings(accepted.dataset().timeoutMinutes(), Map.of(), null, null));
        String name =
                ExecutionName.of(input.dataset(), stored.bucket(), stored.key(), stored.versionId(), stored.etag());
        StartOutcome started = starter.start(name, input);
        return new FileOutcome(
                stored.bucket(),
                stored.key(),
                started.duplicate() ? FileOutcome.Outcome.DUPLICATE : FileOutcome.Outcome.ACCEPTED,
                input.dataset(),
                null,
                started.duplicate() ? "an execution for this object version already exists" : "execution started",
                name,
                started.executionId(),
                null);
    }

    /**
     * The object as it is now. An EventBridge key has two readings ({@link LandedObject#keyCandidates}),
     * and both may name objects ({@code a%25b} and {@code a%b}): the one that landed is the one with
     * the ETag and size the event announced; when both hold those bytes, the one modified last. A
     * versioned bucket never gets that far: the announced version exists under one key only.
     */
    private Optional<StoredObject> find(LandedObject object) {
        List<StoredObject> found = new ArrayList<>();
        for (String key : object.keyCandidates()) {
            store.head(object.bucket(), key, object.versionId()).ifPresent(found::add);
        }
        return found.stream()
                .min(Comparator.comparing((StoredObject stored) -> !announced(object, stored))
                        .thenComparing(StoredObject::lastModified, Comparator.nullsLast(Comparator.reverseOrder())));
    }

    /** Whether {@code stored} has the ETag and size {@code object}'s event announced (what it does not say matches). */
    private static boolean announced(LandedObject object, StoredObject stored) {
        boolean etag = object.etag() == null
                || stored.etag() == null
                || unquoted(object.etag()).equals(unquoted(stored.etag()));
        return etag && (object.size() < 0 || object.size() == stored.size());
    }

    private static String unquoted(String etag) {
        return etag.replace("\"", "");
    }

    private FileOutcome quarantine(LandedObject object, StoredObject stored, Violation violation) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("rule", violation.rule().name());
        reason.put("message", violation.message());
        reason.put("eventId", object.eventId());
        Instant landedAt = landedAt(object, stored);
        reason.put("landedAt", landedAt.toString());
        var setAside = quarantine.setAside(stored, reason, landedAt);
        String dataset = violation.rule() == Rule.UNKNOWN_DATASET
                ? null
                : rules.datasetFor(stored.key()).orElse(null);
        return new FileOutcome(
                stored.bucket(),
                stored.key(),
                FileOutcome.Outcome.QUARANTINED,
                dataset,
                violation.rule(),
                violation.message(),
                null,
                null,
                setAside.reasonUri());
    }

    /** The event's time; an event without one is dated by the object's own Last-Modified, which every HEAD answers. */
    private static Instant landedAt(LandedObject object, StoredObject stored) {
        if (object.eventTime() != null) {
            return object.eventTime();
        }
        return Objects.requireNonNull(stored.lastModified(), "a HEAD answer without Last-Modified");
    }

    private static String metricName(FileOutcome.Outcome outcome) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Files";
    }

    /** Ranged reads of one stored object version, for content sniffing. */
    private record StoredObjectHead(ObjectStore store, StoredObject object) implements ObjectHead {

        @Override
        public byte[] first(int length) {
            return read(0, (int) Math.min(length, object.size()));
        }

        @Override
        public byte[] last(int length) {
            int n = (int) Math.min(length, object.size());
            return read(object.size() - n, n);
        }

        private byte[] read(long offset, int length) {
            if (length == 0) {
                return new byte[0];
            }
            // A version that vanished between HEAD and GET reads as empty: the rules then reject
            // it for its content, and the quarantine copy fails loudly, so nothing is lost.
            return store.readRange(object.bucket(), object.key(), object.versionId(), offset, length)
                    .orElse(new byte[0]);
        }
    }
}

package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.execution.StartOutcome;
import dev.sparkpipeline.core.intake.DeadLetterQueue;
import dev.sparkpipeline.core.json.FailureReasonJson;
import dev.sparkpipeline.core.landing.ExecutionName;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-runs files recorded under {@code failed/}: for each record the filter takes, a new execution
 * of the file's source version under {@link ExecutionName#replay} (so replaying one record twice
 * starts it once: the second start is a duplicate), after marking the record replayed with that
 * name. The record stays the file's one fate until the replay ends: a replay that curates the file
 * removes it ({@link Publisher}), one that fails rewrites it to name the replay
 * ({@link FailureRecorder}). Then each dead-letter queue's messages are moved back to their queue.
 */
public final class FailureReplayer {

    private static final String REASON_SUFFIX = ".reason.json";
    private static final int REASON_MAX_BYTES = 1 << 20;

    private final ObjectStore store;
    private final String quarantineBucket;
    private final DatasetCatalog datasets;
    private final ExecutionStarter starter;
    private final List<Redrive> redrives;
    private final Clock clock;

    /**
     * @param quarantineBucket the bucket of {@code failed/}
     * @param datasets         gives a replayed file its dataset's job deadline (and engine, when the record names none)
     * @param redrives         the dead-letter queues to move back, each to its queue
     * @param clock            dates the replay marks
     */
    public FailureReplayer(
            ObjectStore store,
            String quarantineBucket,
            DatasetCatalog datasets,
            ExecutionStarter starter,
            List<Redrive> redrives,
            Clock clock) {
        this.store = store;
        this.quarantineBucket = quarantineBucket;
        this.datasets = datasets;
        this.starter = starter;
        this.redrives = List.copyOf(redrives);
        this.clock = clock;
    }

    /**
     * A dead-letter queue and the queue its messages go back to.
     *
     * @param deadLetterQueueUrl the dead-letter queue's URL, for the report
     * @param deadLetters        the dead-letter queue
     * @param queueUrl           the queue it is the dead-letter queue of
     */
    public record Redrive(String deadLetterQueueUrl, DeadLetterQueue deadLetters, String queueUrl) {}

    /**
     * Which records to replay; null or empty parts take every record.
     *
     * @param dataset only this dataset's files
     * @param since   only failures recorded on this day (UTC) or later
     * @param keys    only the files landed under these keys
     * @param redrive also move the dead-letter queues' messages back
     */
    public record ReplayFilter(String dataset, LocalDate since, Set<String> keys, boolean redrive) {

        public ReplayFilter {
            keys = keys == null ? Set.of() : Set.copyOf(keys);
        }

        boolean takes(FailureReason reason) {
            if (dataset != null && !dataset.equals(reason.dataset())) {
                return false;
            }
            if (since != null
                    && (reason.failedAt() == null
                            || reason.failedAt()
                                    .isBefore(since.atStartOfDay(ZoneOffset.UTC).toInstant()))) {
                return false;
            }
            return keys.isEmpty()
                    || (reason.source() != null && keys.contains(reason.source().key()));
        }
    }

    /** What a replay did with one failure record. */
    public enum Outcome {
        /** The replay's execution was started. */
        STARTED,
        /** The replay's execution existed already (the record was replayed before): nothing started. */
        DUPLICATE,
        /** Nothing could be run: the source is gone, the dataset unknown, or the record unreadable. */
        SKIPPED
    }

    /**
     * One failure record replayed.
     *
     * @param key       the file's landing key, or null when the record names none
     * @param record    the record's reason document
     * @param replayOf  the execution that failed the file
     * @param execution the replay's execution name, or null when skipped
     * @param outcome   what was done
     * @param reason    why it was skipped, or null
     * @param input     the replay's execution input, or null when skipped
     */
    public record ReplayedFile(
            String key,
            String record,
            String replayOf,
            String execution,
            Outcome outcome,
            String reason,
            ExecutionInput input) {}

    /**
     * What one replay did.
     *
     * @param files    every record the filter took, in key order
     * @param redriven per dead-letter queue URL, how many of its messages went back to their queue
     */
    public record Report(List<ReplayedFile> files, Map<String, Integer> redriven) {}

    /** Replays every record the filter takes, then (if asked) redrives the dead-letter queues. */
    public Report replay(ReplayFilter filter) {
        List<ReplayedFile> files = new ArrayList<>();
        List<String> keys = store.list(quarantineBucket, FailureRecorder.PREFIX);
        Set<String> listed = new HashSet<>(keys);
        for (String key : keys) {
            // A copy of a file whose own name ends in .reason.json has its reason document beside it.
            if (!key.endsWith(REASON_SUFFIX) || listed.contains(key + REASON_SUFFIX)) {
                continue;
            }
            Optional<byte[]> document = store.readRange(quarantineBucket, key, null, 0, REASON_MAX_BYTES);
            if (document.isEmpty()) {
                continue; // Removed since the listing: the file was curated meanwhile.
            }
            FailureReason reason;
            try {
                reason = FailureReasonJson.read(document.get());
            } catch (InvalidInput unreadable) {
                files.add(skipped(null, key, null, "the reason document is unreadable: " + unreadable.getMessage()));
                continue;
            }
            if (filter.takes(reason)) {
                files.add(replay(key, document.get(), reason));
            }
        }
        Map<String, Integer> redriven = new LinkedHashMap<>();
        if (filter.redrive()) {
            redrives.forEach(redrive -> redriven.put(
                    redrive.deadLetterQueueUrl(), redrive.deadLetters().redriveTo(redrive.queueUrl())));
        }
        return new Report(files, redriven);
    }

    private ReplayedFile replay(String key, byte[] document, FailureReason reason) {
        String landingKey = reason.source() == null ? null : reason.source().key();
        if (reason.source() == null || reason.sourceMissing()) {
            return skipped(
                    landingKey, key, reason.executionName(), "the source was gone when the failure was recorded");
        }
        SourceObject recorded = reason.source();
        if (store.head(recorded.bucket(), recorded.key(), recorded.versionId()).isEmpty()) {
            return skipped(landingKey, key, reason.executionName(), "the source " + recorded.uri() + " is gone");
        }
        Optional<DatasetSpec> dataset = Optional.ofNullable(reason.dataset()).flatMap(datasets::named);
        if (dataset.isEmpty()) {
            return skipped(
                    landingKey,
                    key,
                    reason.executionName(),
                    "dataset " + reason.dataset() + " is not in the datasets configuration");
        }
        if (reason.executionName() == null) {
            return skipped(landingKey, key, null, "the record names no execution");
        }
        // The record's day, so that every record of the replay's file is filed where this one is.
        Instant landedAt = reason.landedAt() != null
                ? reason.landedAt()
                : RecordLocation.dayOf(FailureRecorder.PREFIX, key).orElse(null);
        SourceObject source = new SourceObject(
                recorded.bucket(), recorded.key(), recorded.versionId(), recorded.etag(), recorded.size(), landedAt);
        Engine engine =
                reason.engine() != null ? reason.engine() : dataset.get().engineFor(recorded.size());
        var input = new ExecutionInput(
                dataset.get().name(),
                source,
                engine,
                new JobSettings(dataset.get().timeoutMinutes(), Map.of(), null, null));
        String name = ExecutionName.replay(dataset.get().name(), reason.executionName(), key);
        // Marked before the start: a replay that curates the file at once removes the record, never a
        // mark written after it (which would leave a reason document without its copy).
        if (reason.replayed() == null || !name.equals(reason.replayed().execution())) {
            store.put(
                    quarantineBucket,
                    key,
                    "application/json",
                    FailureReasonJson.replayed(document, new FailureReason.Replay(name, clock.instant())));
        }
        StartOutcome started = starter.start(name, input);
        return new ReplayedFile(
                landingKey,
                "s3://" + quarantineBucket + "/" + key,
                reason.executionName(),
                name,
                started.duplicate() ? Outcome.DUPLICATE : Outcome.STARTED,
                null,
                input);
    }

    private ReplayedFile skipped(String landingKey, String key, String replayOf, String why) {
        return new ReplayedFile(
                landingKey, "s3://" + quarantineBucket + "/" + key, replayOf, null, Outcome.SKIPPED, why, null);
    }
}

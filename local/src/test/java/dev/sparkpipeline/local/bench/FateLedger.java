package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every landed file ended, as the pipeline's own code put it: the store reports each copy of
 * a landed file, and its target says the fate: {@code _processed/} (curated and archived, by
 * Publish), {@code failed/} (recorded failed, by RecordFailure or Publish) or {@code quarantine/}
 * (by validate). A file with no copy has no fate (still queued, or lost).
 */
final class FateLedger {

    /** A file's fate. */
    enum Fate {
        CURATED,
        FAILED,
        QUARANTINED
    }

    private record Ended(Fate fate, Instant at) {}

    private final String landingBucket;
    private final Map<String, Instant> landed = new LinkedHashMap<>();
    private final Map<String, Ended> ended = new HashMap<>();
    private int refated;

    FateLedger(String landingBucket) {
        this.landingBucket = landingBucket;
    }

    /** A file landed at {@code at}. */
    void landed(String key, Instant at) {
        landed.put(key, at);
    }

    /** The store copied {@code sourceKey} of {@code sourceBucket} to {@code targetKey} at {@code at}. */
    void copied(String sourceBucket, String sourceKey, String targetKey, Instant at) {
        if (!sourceBucket.equals(landingBucket) || !landed.containsKey(sourceKey)) {
            return;
        }
        Fate fate = targetKey.startsWith(Publisher.ARCHIVE_PREFIX)
                ? Fate.CURATED
                : targetKey.startsWith(FailureRecorder.PREFIX)
                        ? Fate.FAILED
                        : targetKey.startsWith(LandingValidator.QUARANTINE_PREFIX) ? Fate.QUARANTINED : null;
        if (fate != null && ended.put(sourceKey, new Ended(fate, at)) != null) {
            refated++;
        }
    }

    /** Files landed. */
    int files() {
        return landed.size();
    }

    /** Files with this fate. */
    long count(Fate fate) {
        return ended.values().stream().filter(end -> end.fate() == fate).count();
    }

    /** Files with no fate at all. */
    long unsettled() {
        return landed.size() - ended.size();
    }

    /** Copies of a file that already had a fate: each file should end in exactly one place. */
    int refated() {
        return refated;
    }

    /** From landing to curated, of every curated file. */
    List<Duration> curatedLatencies() {
        List<Duration> latencies = new ArrayList<>();
        ended.forEach((key, end) -> {
            if (end.fate() == Fate.CURATED) {
                latencies.add(Duration.between(landed.get(key), end.at()));
            }
        });
        return latencies;
    }
}

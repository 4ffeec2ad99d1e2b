package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.template.BucketNames;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds each landed file's fate where the pipeline files it: archived under the curated bucket's
 * {@code _processed/} (curated), or a reason document under the quarantine bucket's
 * {@code quarantine/} or {@code failed/}. Records are filed by the object's identity and its landing
 * day ({@link RecordLocation}); the day is this drop's, or, for a file whose execution ran before,
 * the one that execution's input (or its batch manifest) gives it.
 */
final class FileFates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineBuckets buckets;
    private final BucketNames names;
    private final Map<String, Optional<BatchManifest>> manifests = new HashMap<>();

    FileFates(PipelineBuckets buckets, BucketNames names) {
        this.buckets = buckets;
        this.names = names;
    }

    /** The fate of {@code file}, which went to {@code execution} (null when it went to none). */
    FileFate of(LandedFile file, ExecutionResult execution) {
        String dropped = file.dropped().file().toString();
        String key = file.dropped().key();
        FileOutcome outcome = file.outcome();
        if (outcome == null) {
            return new FileFate(
                    dropped, key, FileFate.Status.FAILED, null, file.error() + ": " + file.cause(), null, file.error());
        }
        if (outcome.outcome() == FileOutcome.Outcome.QUARANTINED) {
            return new FileFate(
                    dropped,
                    key,
                    FileFate.Status.QUARANTINED,
                    null,
                    outcome.message(),
                    outcome.reasonUri() == null ? null : buckets.uri(outcome.reasonUri()),
                    outcome.rule() == null ? null : outcome.rule().name());
        }
        if (outcome.outcome() == FileOutcome.Outcome.MISSING) {
            return new FileFate(
                    dropped,
                    key,
                    FileFate.Status.FAILED,
                    null,
                    outcome.message(),
                    null,
                    outcome.outcome().name());
        }
        ObjectIdentity identity = file.identity();
        for (Instant day : days(file, execution)) {
            String archived =
                    RecordLocation.of(Publisher.ARCHIVE_PREFIX, identity, day).reasonKey();
            Optional<JsonNode> archive = reason(names.curated(), archived);
            if (archive.isPresent()) {
                return new FileFate(
                        dropped,
                        key,
                        FileFate.Status.CURATED,
                        archive.get().path("runId").asText(name(execution)),
                        null,
                        buckets.uri(
                                names.curated(),
                                RecordLocation.of(Publisher.ARCHIVE_PREFIX, identity, day)
                                        .copyKey()),
                        null);
            }
            String failed =
                    RecordLocation.of(FailureRecorder.PREFIX, identity, day).reasonKey();
            Optional<JsonNode> failure = reason(names.quarantine(), failed);
            if (failure.isPresent()) {
                JsonNode document = failure.get();
                return new FileFate(
                        dropped,
                        key,
                        FileFate.Status.FAILED,
                        document.path("executionName").asText(name(execution)),
                        firstText(document, "cause", "reason", "message"),
                        buckets.uri(names.quarantine(), failed),
                        document.path("kind").asText(null));
            }
            String quarantined = RecordLocation.of(LandingValidator.QUARANTINE_PREFIX, identity, day)
                    .reasonKey();
            Optional<JsonNode> quarantine = reason(names.quarantine(), quarantined);
            if (quarantine.isPresent()) {
                return new FileFate(
                        dropped,
                        key,
                        FileFate.Status.QUARANTINED,
                        name(execution),
                        firstText(quarantine.get(), "message", "reason"),
                        buckets.uri(names.quarantine(), quarantined),
                        quarantine.get().path("rule").asText(null));
            }
        }
        return new FileFate(
                dropped, key, FileFate.Status.FAILED, name(execution), unrecorded(execution), null, error(execution));
    }

    /** Why a file that went to {@code execution} has no record. */
    private static String unrecorded(ExecutionResult execution) {
        if (execution == null) {
            return "still queued: no batch was closed with it (the batcher's log: _logs/functions.log)";
        }
        if (execution.status() == null || !execution.succeeded()) {
            return execution.cause() != null ? execution.cause() : "execution " + execution.name() + " did not end";
        }
        return "execution " + execution.name() + " succeeded but recorded nothing about this file";
    }

    private static String error(ExecutionResult execution) {
        if (execution == null) {
            return "Queued";
        }
        return execution.error() != null ? execution.error() : "NoRecord";
    }

    /** The days the file's records may be filed under: this drop's landing, then the one its execution's input gives. */
    private Set<Instant> days(LandedFile file, ExecutionResult execution) {
        Set<Instant> days = new LinkedHashSet<>();
        days.add(file.landedAt());
        ExecutionInput input = execution == null ? null : execution.input();
        if (input == null) {
            return days;
        }
        if (!input.isBatch()) {
            if (input.source().landedAt() != null) {
                days.add(input.source().landedAt());
            }
            return days;
        }
        manifest(input)
                .ifPresent(manifest -> manifest.files().stream()
                        .filter(member -> member.identity().equals(file.identity()))
                        .map(SourceObject::landedAt)
                        .filter(landedAt -> landedAt != null)
                        .forEach(days::add));
        return days;
    }

    private Optional<BatchManifest> manifest(ExecutionInput input) {
        return manifests.computeIfAbsent(
                input.source().uri(),
                uri -> buckets.read(input.source().bucket(), input.source().key())
                        .map(BatchManifestJson::read));
    }

    private Optional<JsonNode> reason(String bucket, String key) {
        return buckets.read(bucket, key).map(json -> {
            try {
                return JSON.readTree(json);
            } catch (IOException notJson) {
                return JSON.createObjectNode().put("reason", "its reason document is not JSON");
            }
        });
    }

    private static String firstText(JsonNode document, String... fields) {
        for (String field : fields) {
            if (document.path(field).isTextual()) {
                return document.path(field).asText();
            }
        }
        return null;
    }

    private static String name(ExecutionResult execution) {
        return execution == null ? null : execution.name();
    }
}

package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.json.ValidationReportJson;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.ValidationReport;
import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.runner.LocalPipeline;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Lands one file in the landing bucket and sends the "Object Created" event S3 sends to EventBridge
 * to the functions the template's rules route it to: the validate function, which starts an
 * execution, queues the file for a batch, or quarantines it.
 */
final class FileLanding {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPipeline pipeline;
    private final RunReport report;

    FileLanding(LocalPipeline pipeline, RunReport report) {
        this.pipeline = pipeline;
        this.report = report;
    }

    /** Lands {@code file} at {@code landedAt} and answers what the functions made of it. */
    LandedFile land(DropFiles.DroppedFile file, Instant landedAt) throws IOException {
        String landing = pipeline.bucketNames().landing();
        StoredObject object = pipeline.buckets().land(landing, file.key(), file.file());
        JsonNode event = ObjectCreatedEvent.of(landing, object, landedAt);
        List<String> targets = pipeline.targets(event);
        if (targets.isEmpty()) {
            return new LandedFile(
                    file,
                    object,
                    landedAt,
                    null,
                    "NoTarget",
                    "no function of the template has an EventBridge rule for Object Created events from " + landing);
        }
        FileOutcome outcome = null;
        for (String function : targets) {
            long started = System.nanoTime();
            try {
                byte[] answer = pipeline.functions().invoke(function, JSON.writeValueAsBytes(event));
                List<FileOutcome> files = ValidationReportJson.readAnswer(answer)
                        .map(ValidationReport::files)
                        .orElse(List.of());
                report.state(
                        function,
                        files.isEmpty() ? "NO_FILES" : files.get(0).outcome().name(),
                        millisSince(started));
                outcome = outcome == null && !files.isEmpty() ? files.get(0) : outcome;
            } catch (StatesError failure) {
                report.state(function, "FAILED", millisSince(started));
                return new LandedFile(file, object, landedAt, null, failure.error(), failure.cause());
            }
        }
        return outcome == null
                ? new LandedFile(file, object, landedAt, null, "NO_FILES", "the function reported no file")
                : new LandedFile(file, object, landedAt, outcome, null, null);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

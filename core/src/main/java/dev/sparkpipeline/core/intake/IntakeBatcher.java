package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The batcher function's work for one delivery of queued files: plan the batches
 * ({@link BatchPlanner}), close each ready one ({@link BatchCloser}), and answer which messages must
 * come back: those still waiting for their batch, and those of a batch that failed to close (a
 * throttled bucket, an outage), so nothing is lost and nothing is closed twice.
 *
 * @param planner groups files into batches
 * @param closer  closes one batch into one execution
 * @param queue   the intake queue, which keeps held files away until their batch's return time
 * @param clock   the batcher's time, against which files age
 * @param log     one line per closed batch
 * @param metrics counts of closed batches, batched and held files
 */
public record IntakeBatcher(
        BatchPlanner planner, BatchCloser closer, IntakeQueue queue, Clock clock, EventLog log, Metrics metrics) {

    /**
     * What one delivery came to.
     *
     * @param closed the batches closed (or found closed)
     * @param kept   receipts of the messages to deliver again
     */
    public record Delivery(List<BatchCloser.Closed> closed, List<String> kept) {}

    /** Closes what is ready; {@code closeAll} closes partial batches too (the end of a local drop). */
    public Delivery deliver(List<BatchPlanner.Delivered> delivered, boolean closeAll) {
        Instant now = clock.instant();
        BatchPlanner.Plan plan = planner.plan(delivered, now, closeAll);
        List<BatchCloser.Closed> closed = new ArrayList<>();
        List<String> kept = new ArrayList<>(plan.held());
        for (BatchPlanner.PlannedBatch batch : plan.batches()) {
            List<SourceObject> files =
                    batch.files().stream().map(QueuedFile::source).toList();
            try {
                Optional<BatchCloser.Closed> done = closer.close(batch.dataset(), batch.engine(), files, now);
                done.ifPresent(closed::add);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("dataset", batch.dataset());
                fields.put("engine", batch.engine().name());
                fields.put("planned", files.size());
                fields.put("batch", done.map(BatchCloser.Closed::id).orElse(null));
                fields.put("files", done.map(BatchCloser.Closed::files).orElse(0));
                fields.put("duplicate", done.map(BatchCloser.Closed::duplicate).orElse(false));
                log.info(done.isPresent() ? "batch closed" : "every planned file was in another batch", fields);
            } catch (RuntimeException failed) {
                // The batch's messages come back; its plan and claims make the next attempt finish the same batch.
                kept.addAll(batch.receipts());
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("dataset", batch.dataset());
                fields.put("planned", files.size());
                fields.put("error", failed.getClass().getSimpleName() + ": " + failed.getMessage());
                log.warn("batch not closed; its files are delivered again", fields);
            }
        }
        plan.holds().forEach(hold -> hold(hold, now));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("BatchesClosed", closed.size());
        counts.put(
                "BatchedFiles",
                closed.stream().mapToInt(BatchCloser.Closed::files).sum());
        counts.put("HeldFiles", plan.held().size());
        metrics.counts(counts);
        return new Delivery(closed, kept);
    }

    private void hold(BatchPlanner.Hold hold, Instant now) {
        List<String> handles = hold.messages().stream()
                .map(BatchPlanner.Delivered::handle)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (handles.isEmpty() || !hold.until().isAfter(now)) {
            return;
        }
        try {
            queue.hold(handles, Duration.between(now, hold.until()));
        } catch (RuntimeException refused) {
            // Not lost: the messages come back after the queue's visibility timeout instead.
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("held", handles.size());
            fields.put("until", hold.until().toString());
            fields.put("error", refused.getClass().getSimpleName() + ": " + refused.getMessage());
            log.warn("held files not kept until their return time; they come back with the queue's timeout", fields);
        }
    }
}

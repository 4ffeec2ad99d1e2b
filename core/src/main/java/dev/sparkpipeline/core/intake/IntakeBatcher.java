package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batcher function's work for one delivery of queued files: plan the batches
 * ({@link BatchPlanner}), close each ready one ({@link BatchCloser}), and answer which messages must
 * come back: those still waiting for their batch, and those of a batch that failed to close (a
 * throttled bucket, an outage), so nothing is lost and nothing is closed twice.
 *
 * @param planner groups files into batches
 * @param closer  closes one batch into one execution
 * @param clock   the batcher's time, against which files age
 * @param log     one line per closed batch
 * @param metrics counts of closed batches, batched and held files
 */
public record IntakeBatcher(BatchPlanner planner, BatchCloser closer, Clock clock, EventLog log, Metrics metrics) {

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
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("BatchesClosed", closed.size());
        counts.put(
                "BatchedFiles",
                closed.stream().mapToInt(BatchCloser.Closed::files).sum());
        counts.put("HeldFiles", plan.held().size());
        metrics.counts(counts);
        return new Delivery(closed, kept);
    }
}

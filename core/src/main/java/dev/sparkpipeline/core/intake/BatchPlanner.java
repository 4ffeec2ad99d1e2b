package dev.sparkpipeline.core.intake;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.BatchPolicy;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.storage.ObjectIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups delivered files into batches by their dataset's {@link BatchPolicy}: files of one dataset
 * and engine, oldest first, fill a batch up to {@code maxFiles} files or {@code maxBytes} bytes; a
 * full batch closes at once. The last partial one is held: its messages come back together at the
 * dataset's next <em>return time</em>, the next whole multiple of {@code maxWaitSeconds} since the
 * epoch, so the files every delivery held in that period meet in one delivery and close as one
 * batch (left to the queue's visibility timeout, each delivery's files would come back at their own
 * moment and close as many small batches). A partial batch closes when its oldest file would have
 * waited past {@code maxWaitSeconds} by its next return (or when told to close everything), so the
 * oldest file waits at most {@code maxWaitSeconds} plus the event source mapping's batching window.
 * A file whose dataset no longer batches (the configuration changed) closes alone. The same file
 * delivered twice is planned once.
 *
 * @param catalog the datasets, whose policies apply
 */
public record BatchPlanner(DatasetCatalog catalog) {

    /**
     * One delivered message.
     *
     * @param receipt the message's id (the SQS message id), answered back when it must be redelivered
     * @param handle  the handle that changes when the message comes back (the SQS receipt handle), or
     *                null when the delivery has none: such a message comes back after the queue's own
     *                visibility timeout
     * @param file    the queued file
     */
    public record Delivered(String receipt, String handle, QueuedFile file) {}

    /**
     * A batch to close.
     *
     * @param dataset  the dataset
     * @param engine   the engine
     * @param files    the distinct members, oldest first
     * @param receipts every message the batch settles (duplicates included)
     */
    public record PlannedBatch(String dataset, Engine engine, List<QueuedFile> files, List<String> receipts) {}

    /**
     * Messages still waiting for their batch to fill or age, and when they should come back.
     *
     * @param until    the dataset's next return time
     * @param messages the messages held
     */
    public record Hold(Instant until, List<Delivered> messages) {}

    /**
     * What to do with one delivery.
     *
     * @param batches the batches to close now
     * @param holds   the messages held, by when they come back
     */
    public record Plan(List<PlannedBatch> batches, List<Hold> holds) {

        /** The receipts of every held message. */
        public List<String> held() {
            List<String> held = new ArrayList<>();
            holds.forEach(hold -> hold.messages().forEach(message -> held.add(message.receipt())));
            return held;
        }
    }

    private record Group(String dataset, Engine engine) {}

    /** The plan for {@code delivered} at {@code now}; {@code closeAll} closes partial batches too. */
    public Plan plan(List<Delivered> delivered, Instant now, boolean closeAll) {
        Map<Group, Map<ObjectIdentity, List<Delivered>>> groups = new LinkedHashMap<>();
        for (Delivered message : delivered) {
            QueuedFile file = message.file();
            groups.computeIfAbsent(new Group(file.dataset(), file.engine()), group -> new LinkedHashMap<>())
                    .computeIfAbsent(file.source().identity(), identity -> new ArrayList<>())
                    .add(message);
        }
        List<PlannedBatch> batches = new ArrayList<>();
        List<Hold> holds = new ArrayList<>();
        groups.forEach((group, byFile) -> {
            BatchPolicy policy =
                    catalog.named(group.dataset()).map(DatasetSpec::batch).orElse(null);
            List<List<Delivered>> files = new ArrayList<>(byFile.values());
            files.sort(Comparator.comparing(
                            (List<Delivered> copies) -> arrival(copies.get(0).file()))
                    .thenComparing(copies -> copies.get(0).file().source().key()));
            List<List<Delivered>> open = new ArrayList<>();
            long openBytes = 0;
            for (List<Delivered> copies : files) {
                long size = copies.get(0).file().source().size();
                boolean alone = policy == null || !policy.admits(size);
                if (!open.isEmpty()
                        && (alone || open.size() == policy.maxFiles() || openBytes + size > policy.maxBytes())) {
                    batches.add(batch(group, open));
                    open = new ArrayList<>();
                    openBytes = 0;
                }
                open.add(copies);
                openBytes += size;
                if (alone || open.size() == policy.maxFiles() || openBytes >= policy.maxBytes()) {
                    batches.add(batch(group, open));
                    open = new ArrayList<>();
                    openBytes = 0;
                }
            }
            if (!open.isEmpty()) {
                Instant oldest = open.get(0).get(0).file().queuedAt();
                for (List<Delivered> copies : open) {
                    Instant queued = copies.get(0).file().queuedAt();
                    oldest = queued.isBefore(oldest) ? queued : oldest;
                }
                Instant returns = nextReturn(now, policy.maxWaitSeconds());
                if (closeAll || oldest.plusSeconds(policy.maxWaitSeconds()).isBefore(returns)) {
                    batches.add(batch(group, open));
                } else {
                    List<Delivered> messages = new ArrayList<>();
                    open.forEach(messages::addAll);
                    holds.add(new Hold(returns, messages));
                }
            }
        });
        return new Plan(batches, holds);
    }

    /** The first whole multiple of {@code maxWaitSeconds} since the epoch after {@code now}. */
    static Instant nextReturn(Instant now, int maxWaitSeconds) {
        long period = Math.max(1, maxWaitSeconds);
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), period) * period + period);
    }

    private static Instant arrival(QueuedFile file) {
        return file.source().landedAt() != null ? file.source().landedAt() : file.queuedAt();
    }

    private static PlannedBatch batch(Group group, List<List<Delivered>> members) {
        List<QueuedFile> files = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        for (List<Delivered> copies : members) {
            files.add(copies.get(0).file());
            copies.forEach(message -> receipts.add(message.receipt()));
        }
        return new PlannedBatch(group.dataset(), group.engine(), files, receipts);
    }
}

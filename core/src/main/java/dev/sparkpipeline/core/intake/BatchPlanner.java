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
 * full batch closes at once, the last partial one only when its oldest file has waited
 * {@code maxWaitSeconds} (or when told to close everything). A file whose dataset no longer
 * batches (the configuration changed) closes alone. The same file delivered twice is planned once.
 *
 * @param catalog the datasets, whose policies apply
 */
public record BatchPlanner(DatasetCatalog catalog) {

    /**
     * One delivered message.
     *
     * @param receipt the queue's handle of the message (SQS message id), answered back when it must be redelivered
     * @param file    the queued file
     */
    public record Delivered(String receipt, QueuedFile file) {}

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
     * What to do with one delivery.
     *
     * @param batches the batches to close now
     * @param held    receipts of messages still waiting for their batch to fill or age
     */
    public record Plan(List<PlannedBatch> batches, List<String> held) {}

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
        List<String> held = new ArrayList<>();
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
                if (closeAll || !oldest.plusSeconds(policy.maxWaitSeconds()).isAfter(now)) {
                    batches.add(batch(group, open));
                } else {
                    open.forEach(copies -> copies.forEach(message -> held.add(message.receipt())));
                }
            }
        });
        return new Plan(batches, held);
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

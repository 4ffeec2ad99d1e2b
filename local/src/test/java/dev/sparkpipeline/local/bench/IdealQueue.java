package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.dataset.BatchPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The latency bound of the target, computed from the load alone (no pipeline code): the
 * files batched ideally by the policy (a batch closes when full, or when its oldest file has waited
 * {@code maxWaitSeconds}), the batches run first come first served on the engine's capacity. The
 * queue wait the capacity forces is the 95th percentile, over files, of their batch's wait for a
 * slot; the job duration is the longest ideal batch's start plus run.
 *
 * @param forcedQueueWait the 95th percentile of the files' wait for a slot
 * @param jobDuration     the longest ideal job, start latency included
 * @param batches         the ideal number of batches
 */
record IdealQueue(Duration forcedQueueWait, Duration jobDuration, int batches) {

    /** The ideal batching of {@code scenario} under {@code policy} on {@code engine}. */
    static IdealQueue of(IntakeScenario scenario, BatchPolicy policy, EngineProfile engine, JobLength length) {
        Instant start = Instant.EPOCH;
        List<long[]> batches = new ArrayList<>(); // {ready epoch ms, files}
        int open = 0;
        long openBytes = 0;
        Instant oldest = null;
        for (int i = 0; i < scenario.files(); i++) {
            Instant at = scenario.landing(start, i);
            if (open > 0 && !oldest.plusSeconds(policy.maxWaitSeconds()).isAfter(at)) {
                batches.add(
                        new long[] {oldest.plusSeconds(policy.maxWaitSeconds()).toEpochMilli(), open});
                open = 0;
                openBytes = 0;
            }
            if (open == 0) {
                oldest = at;
            }
            open++;
            openBytes += scenario.fileBytes();
            if (open == policy.maxFiles() || openBytes >= policy.maxBytes()) {
                batches.add(new long[] {at.toEpochMilli(), open});
                open = 0;
                openBytes = 0;
            }
        }
        if (open > 0) {
            batches.add(new long[] {oldest.plusSeconds(policy.maxWaitSeconds()).toEpochMilli(), open});
        }
        PriorityQueue<Long> slotsFreeAt = new PriorityQueue<>();
        for (int slot = 0; slot < engine.capacity(); slot++) {
            slotsFreeAt.add(0L);
        }
        long[] waits = new long[scenario.files()];
        int file = 0;
        long longest = 0;
        for (long[] batch : batches) {
            long service = engine.start()
                    .plus(length.of(batch[1] * scenario.fileBytes()))
                    .toMillis();
            long begins = Math.max(batch[0], slotsFreeAt.poll());
            slotsFreeAt.add(begins + service);
            longest = Math.max(longest, service);
            for (int member = 0; member < batch[1]; member++) {
                waits[file++] = begins - batch[0];
            }
        }
        Arrays.sort(waits);
        long p95 = waits[(int) Math.ceil(0.95 * waits.length) - 1];
        return new IdealQueue(Duration.ofMillis(p95), Duration.ofMillis(longest), batches.size());
    }

    /** The target: p95 latency at most maxWaitSeconds + 2 x job duration + the forced queue wait. */
    Duration latencyBound(BatchPolicy policy) {
        return Duration.ofSeconds(policy.maxWaitSeconds())
                .plus(jobDuration.multipliedBy(2))
                .plus(forcedQueueWait);
    }
}

package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.CostEstimator;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.core.error.NotFound;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine with a capacity and a start latency, on a load run's {@link VirtualTime}: a submitted
 * job takes a free slot (or waits for one, or is refused, as its {@link EngineProfile} says),
 * starts after the profile's start latency, runs for its {@link JobLength} and ends SUCCEEDED,
 * leaving the run manifest the curate job would (every batch member curated), so the real Publish
 * archives each file. Every API call is one request on the {@link RequestMeter}; what the jobs
 * billed is priced with {@link CostEstimator}.
 */
final class CapacityEngine implements JobEngine {

    private enum Phase {
        WAITING,
        STARTING,
        RUNNING,
        SUCCEEDED,
        CANCELLED,
        FAILED
    }

    /** One job run. */
    private static final class Job {
        final String id;
        final JobRequest request;
        final Instant submittedAt;
        final Duration runs;
        final long bytes;
        Phase phase = Phase.WAITING;
        Instant runningAt;

        Job(String id, JobRequest request, Instant submittedAt, Duration runs, long bytes) {
            this.id = id;
            this.request = request;
            this.submittedAt = submittedAt;
            this.runs = runs;
            this.bytes = bytes;
        }
    }

    private final EngineProfile profile;
    private final JobLength length;
    private final VirtualTime time;
    private final MemoryObjectStore store;
    private final String curatedBucket;
    private final RequestMeter meter;
    private final Map<String, Job> byExecution = new HashMap<>();
    private final Map<String, Job> byId = new HashMap<>();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private int busy;
    private int refused;
    private double costUsd;
    private long queuedSeconds;

    CapacityEngine(
            EngineProfile profile,
            JobLength length,
            VirtualTime time,
            MemoryObjectStore store,
            String curatedBucket,
            RequestMeter meter) {
        this.profile = profile;
        this.length = length;
        this.time = time;
        this.store = store;
        this.curatedBucket = curatedBucket;
        this.meter = meter;
    }

    @Override
    public EngineDescription description() {
        return EngineDescriptions.of(profile.engine());
    }

    @Override
    public JobHandle submit(JobRequest request) {
        meter.request();
        Job existing = byExecution.get(request.executionName());
        if (existing != null) {
            // The engines find the run an earlier attempt started (client token, run name).
            return handle(existing);
        }
        if (!profile.queues() && busy + waiting.size() >= profile.capacity()) {
            refused++;
            throw new ConcurrentRunsExceeded(profile.engine() + " StartJobRun failed: ConcurrentRunsExceededException "
                    + "Concurrent runs exceeded for the curate job: " + profile.capacity());
        }
        long bytes = inputBytes(request.input());
        Job job = new Job(
                profile.engine().name().toLowerCase() + "-" + (byId.size() + 1),
                request,
                time.now(),
                length.of(bytes),
                bytes);
        byExecution.put(request.executionName(), job);
        byId.put(job.id, job);
        waiting.add(job);
        if (profile.queueTimeout() != null) {
            time.after(profile.queueTimeout(), () -> {
                if (job.phase == Phase.WAITING) {
                    waiting.remove(job);
                    job.phase = Phase.FAILED;
                }
            });
        }
        admit();
        return handle(job);
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        meter.request();
        return Optional.ofNullable(byExecution.get(request.executionName())).map(this::handle);
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        meter.request();
        Job job = byId.get(handle.jobId());
        if (job == null) {
            throw new NotFound(profile.engine() + " has no job " + handle.jobId());
        }
        EngineProfile.RawStates states = profile.states();
        String raw = switch (job.phase) {
            case WAITING -> states.waiting();
            case STARTING -> states.starting();
            case RUNNING -> states.running();
            case SUCCEEDED -> states.succeeded();
            case CANCELLED -> states.cancelled();
            case FAILED -> states.failed();
        };
        String reason = job.phase == Phase.FAILED ? "the job waited longer than the queue timeout" : null;
        return new EngineObservation(raw, reason, Map.of(), billed(job, time.now()));
    }

    @Override
    public void cancel(JobHandle handle) {
        meter.request();
        Job job = byId.get(handle.jobId());
        if (job == null || job.phase.ordinal() >= Phase.SUCCEEDED.ordinal()) {
            return;
        }
        if (job.phase == Phase.WAITING) {
            waiting.remove(job);
        } else {
            end(job, Phase.CANCELLED);
        }
        job.phase = Phase.CANCELLED;
    }

    /** Job runs the engine accepted. */
    int jobs() {
        return byId.size();
    }

    /** StartJobRun calls refused for capacity. */
    int refused() {
        return refused;
    }

    /** What the ended jobs billed, in USD. */
    double costUsd() {
        return costUsd;
    }

    /** Mean input of a job run that ran, in bytes. */
    double meanInputBytes() {
        return byId.values().stream()
                .filter(job -> job.runningAt != null)
                .mapToLong(job -> job.bytes)
                .average()
                .orElse(0);
    }

    /** Seconds jobs waited for a slot, summed. */
    long queuedSeconds() {
        return queuedSeconds;
    }

    /** Starts waiting jobs while slots are free, oldest first. */
    private void admit() {
        while (busy < profile.capacity() && !waiting.isEmpty()) {
            Job job = waiting.poll();
            busy++;
            queuedSeconds += Duration.between(job.submittedAt, time.now()).toSeconds();
            job.phase = Phase.STARTING;
            time.after(profile.start(), () -> {
                if (job.phase != Phase.STARTING) {
                    return;
                }
                job.phase = Phase.RUNNING;
                job.runningAt = time.now();
                time.after(job.runs, () -> {
                    if (job.phase == Phase.RUNNING) {
                        writeRunManifest(job);
                        end(job, Phase.SUCCEEDED);
                    }
                });
            });
        }
    }

    private void end(Job job, Phase phase) {
        costUsd += Optional.ofNullable(CostEstimator.estimate(billed(job, time.now())))
                .orElse(0.0);
        job.phase = phase;
        busy--;
        admit();
    }

    /** Usage billed so far: the running time (at least the minimum once it ran), at the profile's hourly rates. */
    private Map<String, Double> billed(Job job, Instant now) {
        if (job.runningAt == null) {
            return Map.of();
        }
        Duration ran = Duration.between(job.runningAt, now);
        double hours = Math.max(ran.toMillis(), profile.minimumBilled().toMillis()) / 3_600_000.0;
        Map<String, Double> usage = new LinkedHashMap<>();
        profile.usagePerHour().forEach((unit, perHour) -> usage.put(unit, perHour * hours));
        return usage;
    }

    private JobHandle handle(Job job) {
        return JobHandle.of(
                profile.engine(),
                job.id,
                "simulated-" + profile.engine().name().toLowerCase(),
                job.request.executionName(),
                job.submittedAt.getEpochSecond(),
                job.request.input().job().timeoutMinutes());
    }

    private long inputBytes(ExecutionInput input) {
        if (!input.isBatch()) {
            return input.source().size();
        }
        return manifest(input).bytes();
    }

    private BatchManifest manifest(ExecutionInput input) {
        byte[] json = store.document(input.source().bucket(), input.source().key())
                .orElseThrow(
                        () -> new NotFound("batch manifest " + input.source().uri() + " is gone"));
        return BatchManifestJson.read(json);
    }

    /** What the curate job leaves for Publish: one Iceberg commit, every member curated. */
    private void writeRunManifest(Job job) {
        ExecutionInput input = job.request.input();
        String runId = job.request.executionName();
        long rows = Math.max(1, job.bytes / SyntheticCsv.ROW_BYTES);
        List<Manifest.SourceResult> sources = input.isBatch()
                ? manifest(input).files().stream()
                        .map(file -> new Manifest.SourceResult(
                                file.uri(),
                                file.versionId(),
                                Manifest.Status.CURATED,
                                file.size() / SyntheticCsv.ROW_BYTES,
                                file.size() / SyntheticCsv.ROW_BYTES,
                                0,
                                null))
                        .toList()
                : List.of();
        String location = "s3://" + curatedBucket + "/" + input.dataset();
        var manifest = new Manifest(
                input.dataset(),
                runId,
                input.isBatch() ? null : input.source().uri(),
                rows,
                rows,
                0,
                0,
                Map.of("order_id", "string"),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                "key",
                new Manifest.TableCommit(
                        input.dataset(),
                        location,
                        location + "/metadata/" + runId + ".metadata.json",
                        byId.size(),
                        "merge",
                        false,
                        null),
                sources);
        store.writeDocument(
                curatedBucket, input.dataset() + "/" + Manifest.relativePath(runId), ManifestJson.write(manifest));
    }
}

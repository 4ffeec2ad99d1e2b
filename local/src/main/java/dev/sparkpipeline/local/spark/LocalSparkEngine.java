package dev.sparkpipeline.local.spark;

import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.intake.BatchManifests;
import dev.sparkpipeline.local.lake.FolderObjectStore;
import dev.sparkpipeline.local.lake.LocalLake;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link JobEngine} offline: the curate job on Spark {@code local[*]} in a child JVM, started by
 * submit and watched by observe, with the same arguments the cloud engines pass ({@code s3://}
 * URIs become the lake's files; a batch's manifest becomes its {@link LocalBatchView}, under
 * {@code <lake>/_jobs/<run>/}). One instance per engine name, reporting that engine's own state
 * names (its {@link EngineDescription}), so an EMR input takes the EMR branch of the state machine and still
 * runs here.
 */
public final class LocalSparkEngine implements JobEngine {

    private final EngineDescription engine;
    private final LocalLake lake;
    private final LocalSparkJob job;
    private final String curatedBucket;
    private final Clock clock;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    private final LocalUsage usage = LocalUsage.ofThisMachine();

    /** @param curatedBucket the bucket the job writes its table and manifest to */
    public LocalSparkEngine(
            EngineDescription engine, LocalLake lake, LocalSparkJob job, String curatedBucket, Clock clock) {
        this.engine = engine;
        this.curatedBucket = curatedBucket;
        this.lake = lake;
        this.job = job;
        this.clock = clock;
    }

    @Override
    public EngineDescription description() {
        return engine;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        String runId = request.executionName();
        running.computeIfAbsent(runId, id -> {
            IcebergCatalog catalog = lake.tables(curatedBucket);
            CurateJobCall call = CurateJobCall.of(request, curatedBucket, catalog, TableUpkeep.DEFAULT);
            // The engines' call, with the lake's files for its s3:// URIs, committing through the lake's Hadoop
            // catalog.
            String input = call.batch() ? batchView(request) : jobPath(call.input());
            return job.start(call.at(input, jobPath(call.output())), catalog.sparkConf(), log(id));
        });
        return JobHandle.of(
                engine.engine(),
                runId,
                "local",
                runId,
                clock.instant().getEpochSecond(),
                request.input().job().timeoutMinutes());
    }

    /** A job this runner started for the request; one started by another runner is stopped by that runner's end. */
    @Override
    public Optional<JobHandle> find(JobRequest request) {
        String runId = request.executionName();
        return running.containsKey(runId)
                ? Optional.of(JobHandle.of(
                        engine.engine(),
                        runId,
                        "local",
                        runId,
                        clock.instant().getEpochSecond(),
                        request.input().job().timeoutMinutes()))
                : Optional.empty();
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        Process process = running.get(handle.jobId());
        if (process == null) {
            return new EngineObservation(
                    engine.reportedAs(NormalisedState.FAILED),
                    "no local job " + handle.jobId() + " in this runner",
                    Map.of(),
                    Map.of());
        }
        Map<String, String> links =
                Map.of("driverLogs", log(handle.jobId()).toUri().toString());
        long now = clock.instant().getEpochSecond();
        if (process.isAlive()) {
            return new EngineObservation(
                    engine.reportedAs(NormalisedState.RUNNING),
                    null,
                    links,
                    usage.of(engine, now - handle.submittedAt()));
        }
        // The job ended by this first look at it since: its usage stops there.
        long ended = endedAt.computeIfAbsent(handle.jobId(), id -> now);
        Map<String, Double> used = usage.of(engine, ended - handle.submittedAt());
        var result = LocalSparkJob.result(process.exitValue(), log(handle.jobId()));
        if (result.succeeded()) {
            return new EngineObservation(engine.reportedAs(NormalisedState.SUCCEEDED), null, links, used);
        }
        boolean cancelled = process.exitValue() == 143;
        return new EngineObservation(
                engine.reportedAs(cancelled ? NormalisedState.CANCELLED : NormalisedState.FAILED),
                result.failure(),
                links,
                used);
    }

    /** A local job starts in seconds: look at it every second or two while it is young. */
    @Override
    public int pollFloorSeconds() {
        return 1;
    }

    @Override
    public void cancel(JobHandle handle) {
        Process process = running.get(handle.jobId());
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** The batch's manifest with its members at their lake files, for the job to read. */
    private String batchView(JobRequest request) {
        var manifest = new BatchManifests(new FolderObjectStore(lake)).read(request.input());
        Path view =
                lake.root().resolve("_jobs").resolve(request.executionName()).resolve("batch.json");
        return LocalBatchView.write(manifest, member -> lake.file(member.bucket(), member.key()), view);
    }

    /** The lake file an {@code s3://bucket/key} URI names, as the job reads it (literally, not percent-encoded). */
    private String jobPath(String s3Uri) {
        String path = s3Uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return lake.jobPath(path.substring(0, slash), path.substring(slash + 1));
    }

    private Path log(String runId) {
        return lake.root().resolve("_logs").resolve("jobs").resolve(runId + ".log");
    }
}

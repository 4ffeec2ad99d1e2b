package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.local.runner.ExecutionLedger;
import dev.sparkpipeline.local.runner.LakeAdapters;
import dev.sparkpipeline.local.runner.LakeIntegrations;
import dev.sparkpipeline.local.runner.LakeSite;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.runner.LocalTasks;
import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load becomes a queue, never a failure: the real state machine (local interpreter, virtual clock)
 * and the template's functions against an engine that refuses jobs for capacity or holds them
 * queued, with the template's default QueueTimeoutMinutes (360). Publishing is answered at once
 * (no Spark runs); everything else is the pipeline's own.
 */
class AdmissionTest {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "orders/2026/11/22/orders.csv";
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private static final Duration FOREVER = Duration.ofDays(30);

    @TempDir
    Path lakeDir;

    @Test
    void aJobRefusedForCapacityWaitsAndRunsOnceThereIsRoom() throws IOException {
        var run = run(Engine.GLUE, Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(5));

        assertThat(run.execution.status()).isEqualTo("SUCCEEDED");
        assertThat(Collections.frequency(run.execution.statesEntered(), "WaitForCapacity"))
                .as("30, 60, 120, 240 s, then five minutes, give or take a quarter")
                .isBetween(3, 6);
        assertThat(run.engine.started)
                .as("one job, started once there was room")
                .isEqualTo(1);
    }

    @Test
    void aJobQueuedForHoursStillGetsItsWholeTimeoutOnceItRuns() throws IOException {
        var run = run(Engine.EMR_SERVERLESS, Duration.ZERO, Duration.ofHours(5), Duration.ofMinutes(50));

        assertThat(run.execution.status())
                .as("5 h queued and 50 min running, with a 60-minute timeout: %s", run.execution.cause())
                .isEqualTo("SUCCEEDED");
        assertThat(run.execution.statesEntered())
                .as("the long wait is watched, the run polled as the young job it is")
                .contains("WatchJob")
                .containsSubsequence("WatchJob", "JobState", "WaitForJob", "TrackJob");
    }

    @Test
    void aJobQueuedPastTheQueuesDeadlineIsCancelledRecordedAndFailsAsQueueTimedOut() throws IOException {
        var run = run(Engine.GLUE, Duration.ZERO, FOREVER, Duration.ofMinutes(5));

        assertThat(run.execution.error()).isEqualTo("QueueTimedOut");
        assertThat(run.execution.cause()).startsWith("held in the queue past its deadline (QueueTimeoutMinutes 360)");
        assertThat(run.engine.cancelled).isTrue();
        assertThat(run.failedAfter()).isBetween(Duration.ofMinutes(362), Duration.ofMinutes(368));
        assertThat(reasonDocument()).contains("QueueTimedOut");
        LakeInvariant.assertEveryLandedObjectHasOneFate(lakeDir);
    }

    @Test
    void aJobRefusedUntilTheQueuesDeadlineFailsAsQueueTimedOutWithNothingToCancel() throws IOException {
        var run = run(Engine.EMR, FOREVER, Duration.ZERO, Duration.ofMinutes(5));

        assertThat(run.execution.error()).isEqualTo("QueueTimedOut");
        assertThat(run.execution.cause()).contains("EMR still refused the job for capacity");
        assertThat(run.engine.started).isZero();
        assertThat(run.execution.statesEntered()).doesNotContain("CancelJob");
        assertThat(run.failedAfter()).isBetween(Duration.ofMinutes(362), Duration.ofMinutes(368));
        assertThat(reasonDocument()).contains("QueueTimedOut");
    }

    /** One execution for a job the engine refuses for {@code refused}, then queues for {@code queued}, then runs. */
    private Admitted run(Engine engine, Duration refused, Duration queued, Duration running) throws IOException {
        LocalLake lake = new LocalLake(lakeDir);
        Path source = lake.file(BUCKETS.landing(), KEY);
        Files.createDirectories(source.getParent());
        Files.copy(ProjectFiles.root().resolve("events/data/orders.csv"), source);
        ExecutionClock time = ExecutionClock.virtual(START);
        Clock clock = time.asClock();
        var job = new BusyEngine(engine, clock, refused, queued, running);
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        var resources = new LocalResources(template);
        var adapters = new LakeAdapters(
                lake,
                new JobEngines(java.util.List.of(job)),
                new RecordingExecutionStarter(ExecutionLedger.of(lakeDir)),
                clock);
        var functions = new LocalFunctions(template, new LakeSite(resources, lake, adapters), null);
        var tasks = new LocalTasks(functions, new LakeIntegrations(lake));
        var interpreter = new StateMachineInterpreter(
                JSON.readTree(resources.stateMachineDefinition()),
                (resource, parameters) ->
                        parameters.path("FunctionName").asText().contains("PublishFunction")
                                ? published()
                                : tasks.run(resource, parameters),
                time,
                new Random(1));

        ObjectNode input = JSON.createObjectNode().put("dataset", "orders").put("engine", engine.name());
        input.putObject("source")
                .put("bucket", BUCKETS.landing())
                .put("key", KEY)
                .put("size", Files.size(source));
        ObjectNode settings = input.putObject("job").put("timeoutMinutes", 60);
        if (engine.equals(Engine.EMR)) {
            settings.put("clusterId", "j-EXISTING0001");
        }
        return new Admitted(interpreter.run("admission", input), job);
    }

    private static JsonNode published() {
        return JSON.createObjectNode()
                .put("StatusCode", 200)
                .set("Payload", JSON.createObjectNode().put("table", "orders").put("rows", 4));
    }

    private String reasonDocument() throws IOException {
        try (Stream<Path> walk =
                Files.walk(lakeDir.resolve(BUCKETS.quarantine()).resolve("failed"))) {
            Path reason = walk.filter(file -> file.toString().endsWith(".reason.json"))
                    .findFirst()
                    .orElseThrow();
            return Files.readString(reason);
        }
    }

    /** An execution and the engine it ran against. */
    private record Admitted(Execution execution, BusyEngine engine) {

        /** From the execution's start to its end. */
        Duration failedAfter() {
            var history = execution.history();
            HistoryEvent last = history.get(history.size() - 1);
            return Duration.between(START, last.at());
        }
    }

    /**
     * An engine under load, in its own state names: it refuses submissions for capacity until
     * {@code refused} after the start, then holds the job queued for {@code queued}, then runs it
     * for {@code running} to success.
     */
    private static final class BusyEngine implements JobEngine {
        private static final Map<Engine, String> QUEUED =
                Map.of(Engine.EMR_SERVERLESS, "QUEUED", Engine.GLUE, "WAITING", Engine.EMR, "PENDING");
        private static final Map<Engine, String> SUCCESS =
                Map.of(Engine.EMR_SERVERLESS, "SUCCESS", Engine.GLUE, "SUCCEEDED", Engine.EMR, "COMPLETED");

        private final Engine engine;
        private final Clock clock;
        private final Duration refused;
        private final Duration queued;
        private final Duration running;
        private long submittedAt;
        private int started;
        private boolean cancelled;

        BusyEngine(Engine engine, Clock clock, Duration refused, Duration queued, Duration running) {
            this.engine = engine;
            this.clock = clock;
            this.refused = refused;
            this.queued = queued;
            this.running = running;
        }

        @Override
        public EngineDescription description() {
            return EngineDescriptions.of(engine);
        }

        @Override
        public JobHandle submit(JobRequest request) {
            long now = clock.instant().getEpochSecond();
            if (now < START.plus(refused).getEpochSecond()) {
                throw new ConcurrentRunsExceeded(engine + " is running as many jobs as it may");
            }
            started++;
            submittedAt = now;
            return JobHandle.of(
                    engine,
                    "job-1",
                    request.clusterId() == null ? "container" : request.clusterId(),
                    request.executionName(),
                    submittedAt,
                    request.input().job().timeoutMinutes());
        }

        @Override
        public Optional<JobHandle> find(JobRequest request) {
            throw new AssertionError("only the reconciler looks a job up");
        }

        @Override
        public EngineObservation observe(JobHandle handle) {
            long age = clock.instant().getEpochSecond() - submittedAt;
            String state = age < queued.toSeconds()
                    ? QUEUED.get(engine)
                    : age < queued.plus(running).toSeconds() ? "RUNNING" : SUCCESS.get(engine);
            return new EngineObservation(state, null, Map.of(), Map.of());
        }

        @Override
        public void cancel(JobHandle handle) {
            cancelled = true;
        }
    }
}

package dev.sparkpipeline.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.sparkpipeline.core.error.AccessDenied;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a job can go wrong, on every engine, through the real state machine (local interpreter,
 * virtual clock) and the template's functions: the run ends failed with the engine's reason, the
 * source is recorded under {@code failed/} with a reason document, exactly one notification goes
 * out, a job that may still run is cancelled, and an EMR cluster is terminated on every path. The
 * 30-minute jobs that run on reach {@code WatchJob} before their end.
 */
class JobFailureMatrixTest {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "orders/2026/11/22/orders.csv";

    @TempDir
    Path lakeDir;

    /** How the job goes wrong. */
    enum Failure {
        FAILED,
        CANCELLED_OUTSIDE,
        TIMED_OUT,
        UNKNOWN_STATE_FOREVER,
        TRACKER_FAILS,
        TRACKER_FAILS_WHILE_WATCHING
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Engine engine : List.of(Engine.EMR_SERVERLESS, Engine.GLUE, Engine.EMR)) {
            for (Failure failure : Failure.values()) {
                cases.add(Arguments.of(engine, failure));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void theRunFailsWithTheEnginesReasonIsRecordedNotifiedAndCleanedUp(Engine engine, Failure failure)
            throws IOException {
        LocalLake lake = new LocalLake(lakeDir);
        Path source = lake.file(BUCKETS.landing(), KEY);
        Files.createDirectories(source.getParent());
        Files.copy(ProjectFiles.root().resolve("events/data/orders.csv"), source);
        ExecutionClock time = ExecutionClock.virtual(Instant.parse("2026-11-22T08:00:00Z"));
        Clock clock = time.asClock();
        var job = new ScriptedJob(engine, failure, clock);
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        var resources = new LocalResources(template);
        var adapters = new LakeAdapters(
                lake, new JobEngines(List.of(job)), new RecordingExecutionStarter(ExecutionLedger.of(lakeDir)), clock);
        var functions = new LocalFunctions(template, new LakeSite(resources, lake, adapters), null);
        var interpreter = new StateMachineInterpreter(
                JSON.readTree(resources.stateMachineDefinition()),
                new LocalTasks(functions, new LakeIntegrations(lake)),
                time,
                new Random(1));

        ObjectNode input = JSON.createObjectNode().put("dataset", "orders").put("engine", engine.name());
        input.putObject("source")
                .put("bucket", BUCKETS.landing())
                .put("key", KEY)
                .put("size", Files.size(source));
        input.putObject("job").put("timeoutMinutes", 30);
        Execution execution = interpreter.run("matrix", input);

        assertThat(execution.status()).isEqualTo("FAILED");
        assertThat(execution.error())
                .isEqualTo(
                        switch (failure) {
                            case FAILED -> "JobFailed";
                            case CANCELLED_OUTSIDE -> "JobCancelled";
                            case TIMED_OUT, UNKNOWN_STATE_FOREVER -> "JobTimedOut";
                            case TRACKER_FAILS, TRACKER_FAILS_WHILE_WATCHING -> "TrackerFailed";
                        });
        assertThat(execution.cause())
                .contains(
                        switch (failure) {
                            case FAILED -> "the executor ran out of memory";
                            case CANCELLED_OUTSIDE -> job.cancelledState();
                            case TIMED_OUT -> "RUNNING";
                            case UNKNOWN_STATE_FOREVER -> "PAUSED_BY_OPERATOR";
                            case TRACKER_FAILS, TRACKER_FAILS_WHILE_WATCHING -> "not authorized to read job runs";
                        });
        if (failure == Failure.TRACKER_FAILS_WHILE_WATCHING) {
            assertThat(execution.statesEntered()).contains("WatchJob").last().isEqualTo("Fail_TrackerFailed");
        }
        assertThat(job.cancelled)
                .as("a job that may still run is cancelled")
                .isEqualTo(failure != Failure.FAILED && failure != Failure.CANCELLED_OUTSIDE);
        List<Path> failed;
        try (Stream<Path> walk =
                Files.walk(lakeDir.resolve(BUCKETS.quarantine()).resolve("failed"))) {
            failed = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(failed).as("the source and its reason under failed/").hasSize(2);
        Path reasonFile = failed.stream()
                .filter(file -> file.toString().endsWith(".reason.json"))
                .findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(reasonFile.toFile()).toString()).contains(execution.error());
        assertThat(files(lakeDir.resolve("_outbox/sns"))).as("one notification").hasSize(1);
        LakeInvariant.assertEveryLandedObjectHasOneFate(lakeDir);
        if (engine.equals(Engine.EMR)) {
            assertThat(files(lakeDir.resolve("_clusters")))
                    .singleElement()
                    .satisfies(cluster -> assertThat(JSON.readTree(cluster.toFile())
                                    .path("State")
                                    .asText())
                            .isEqualTo("TERMINATED"));
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** A job that goes wrong the given way, in the engine's own state names. */
    private static final class ScriptedJob implements JobEngine {
        private final Engine engine;
        private final Failure failure;
        private final Clock clock;
        private boolean cancelled;
        private long submittedAt;

        ScriptedJob(Engine engine, Failure failure, Clock clock) {
            this.engine = engine;
            this.failure = failure;
            this.clock = clock;
        }

        @Override
        public EngineDescription description() {
            return EngineDescriptions.of(engine);
        }

        @Override
        public java.util.Optional<JobHandle> find(JobRequest request) {
            throw new AssertionError(
                    "the failure path cancels by the handle it holds; only the reconciler looks a job up");
        }

        @Override
        public JobHandle submit(JobRequest request) {
            submittedAt = clock.instant().getEpochSecond();
            return JobHandle.of(
                    engine,
                    "job-1",
                    request.clusterId() == null ? "container" : request.clusterId(),
                    request.executionName(),
                    submittedAt,
                    request.input().job().timeoutMinutes());
        }

        @Override
        public EngineObservation observe(JobHandle handle) {
            boolean ended = clock.instant().getEpochSecond() - submittedAt > 300;
            return switch (failure) {
                case FAILED ->
                    ended
                            ? new EngineObservation("FAILED", "the executor ran out of memory", Map.of(), Map.of())
                            : running();
                case CANCELLED_OUTSIDE ->
                    ended ? new EngineObservation(cancelledState(), null, Map.of(), Map.of()) : running();
                case TIMED_OUT -> running();
                case UNKNOWN_STATE_FOREVER -> new EngineObservation("PAUSED_BY_OPERATOR", null, Map.of(), Map.of());
                case TRACKER_FAILS -> throw new AccessDenied("not authorized to read job runs");
                case TRACKER_FAILS_WHILE_WATCHING -> {
                    // The last poll before the schedule's cap (1,350 s) comes by 1,349 + 337 s, and the
                    // polls after it are WatchJob's: from 1,700 s on, only WatchJob can be the one to fail.
                    if (clock.instant().getEpochSecond() - submittedAt > 1_700) {
                        throw new AccessDenied("not authorized to read job runs");
                    }
                    yield running();
                }
            };
        }

        @Override
        public void cancel(JobHandle handle) {
            cancelled = true;
        }

        String cancelledState() {
            return engine.equals(Engine.GLUE) ? "STOPPED" : "CANCELLED";
        }

        private static EngineObservation running() {
            return new EngineObservation("RUNNING", null, Map.of(), Map.of());
        }
    }
}

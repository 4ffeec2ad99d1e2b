package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** A Glue-named engine whose answers a test sets: refuses submissions while full, reports the state it is told. */
final class ScriptedEngine implements JobEngine {

    private final Clock clock;
    boolean full;
    String state = "WAITING";
    Long startedAt;
    Map<String, Double> usage = Map.of();

    ScriptedEngine(Clock clock) {
        this.clock = clock;
    }

    @Override
    public EngineDescription description() {
        return EngineDescriptions.GLUE;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        if (full) {
            throw new ConcurrentRunsExceeded("StartJobRun failed: ConcurrentRunsExceededException");
        }
        return JobHandle.of(
                Engine.GLUE,
                "jr_1",
                "curate",
                request.executionName(),
                clock.instant().getEpochSecond(),
                request.input().job().timeoutMinutes());
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        return Optional.empty();
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        return new EngineObservation(state, null, Map.of(), usage, startedAt);
    }

    @Override
    public void cancel(JobHandle handle) {}
}

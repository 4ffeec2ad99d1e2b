package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * An EMR Serverless stand-in whose job runs for a fixed time on the given clock: RUNNING until
 * then, SUCCESS after. Counts the engine API calls the pipeline makes (StartJobRun, GetJobRun).
 */
final class SimulatedEngine implements JobEngine {

    private final Clock clock;
    private final Duration jobLength;
    private long submittedAt = -1;
    private int submits;
    private int observes;

    SimulatedEngine(Clock clock, Duration jobLength) {
        this.clock = clock;
        this.jobLength = jobLength;
    }

    @Override
    public EngineDescription description() {
        return EngineDescriptions.EMR_SERVERLESS;
    }

    @Override
    public java.util.Optional<JobHandle> find(JobRequest request) {
        throw new AssertionError("the orchestration benchmark never reconciles");
    }

    @Override
    public JobHandle submit(JobRequest request) {
        submits++;
        submittedAt = clock.instant().getEpochSecond();
        return JobHandle.of(
                Engine.EMR_SERVERLESS,
                "simulated",
                "application",
                request.executionName(),
                submittedAt,
                request.input().job().timeoutMinutes());
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        observes++;
        return new EngineObservation(
                clock.instant().getEpochSecond() >= jobEndsAt() ? "SUCCESS" : "RUNNING", null, Map.of(), Map.of());
    }

    @Override
    public void cancel(JobHandle handle) {
        throw new IllegalStateException("the simulated job is never cancelled");
    }

    /** When the job ended (epoch seconds). */
    long jobEndsAt() {
        return submittedAt + jobLength.toSeconds();
    }

    int apiCalls() {
        return submits + observes;
    }
}

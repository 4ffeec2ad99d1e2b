package dev.sparkpipeline.core.engine.fake;

import static dev.sparkpipeline.core.engine.EngineDescription.state;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineObservation;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine the pipeline has never heard of, added the way a new one is: its description (its own
 * states, poll floor and prices) and its adapter, both in this one package.
 */
final class BatchFarmEngine implements JobEngine {

    static final Engine BATCH_FARM = new Engine("BATCH_FARM");
    static final String FARM_HOURS = "farm-hours";

    static final EngineDescription DESCRIPTION = new EngineDescription(
            BATCH_FARM,
            List.of(
                    state("ACCEPTED", NormalisedState.PENDING),
                    state("WAITLISTED", NormalisedState.QUEUED),
                    state("CRUNCHING", NormalisedState.RUNNING),
                    state("DONE", NormalisedState.SUCCEEDED),
                    state("BROKEN", NormalisedState.FAILED),
                    state("HALTED", NormalisedState.CANCELLED)),
            30,
            Map.of(FARM_HOURS, 2.5),
            (cores, memoryGb, hours) -> Map.of(FARM_HOURS, hours),
            false);

    /** What the farm says of its job on the next look. */
    String state = "ACCEPTED";

    boolean cancelled;

    @Override
    public EngineDescription description() {
        return DESCRIPTION;
    }

    @Override
    public JobHandle submit(JobRequest request) {
        return JobHandle.of(BATCH_FARM, "farm-1", "farm", request.executionName(), 1_700_000_000L, 60);
    }

    @Override
    public Optional<JobHandle> find(JobRequest request) {
        return Optional.empty();
    }

    @Override
    public EngineObservation observe(JobHandle handle) {
        return new EngineObservation(
                state, state.equals("BROKEN") ? "the farm's tractor broke" : null, Map.of(), Map.of(FARM_HOURS, 2.0));
    }

    @Override
    public void cancel(JobHandle handle) {
        cancelled = true;
    }
}

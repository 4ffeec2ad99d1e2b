package dev.sparkpipeline.core.engine;

import java.time.Clock;

/** Observes a job on its engine and turns the observation into the tracker's report. */
public record JobTracker(JobEngines engines, PollSchedule schedule, Clock clock) {

    /** The job's current status; a job past its deadline and not ended is reported timed out. */
    public JobRun track(JobHandle handle) {
        JobEngine engine = engines.get(handle.engine());
        EngineObservation seen = engine.observe(handle);
        long now = clock.instant().getEpochSecond();
        long elapsed = Math.max(0, now - handle.submittedAt());
        NormalisedState state = EngineStateTable.normalise(handle.engine(), seen.rawState());
        boolean timedOut = !state.terminal() && now >= handle.deadlineAt();
        String reason = seen.failureReason();
        if (reason == null && (state == NormalisedState.FAILED || state == NormalisedState.CANCELLED)) {
            // The state machine's Fail state needs a cause even when the engine gives none.
            reason = handle.engine() + " reported " + seen.rawState() + " without a reason";
        }
        var status = new JobStatus(
                seen.rawState(),
                state,
                state.terminal(),
                timedOut,
                schedule.capped(elapsed),
                schedule.nextDelay(elapsed, engine.pollFloorSeconds()),
                elapsed,
                reason,
                seen.links(),
                seen.usage(),
                CostEstimator.estimate(seen.usage()));
        return new JobRun(handle, status);
    }
}

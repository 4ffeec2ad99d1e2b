package dev.sparkpipeline.core.engine;

import java.util.Map;

/** Submits a job to the engine its input names and reports it as the first observation. */
public record JobSubmitter(JobEngines engines, PollSchedule schedule) {

    /** Starts the job (or finds the one a retried request started) and says when to poll it. */
    public JobRun submit(JobRequest request) {
        JobEngine engine = engines.get(request.input().engine());
        JobHandle handle = engine.submit(request);
        var submitted = new JobStatus(
                "SUBMITTED",
                NormalisedState.PENDING,
                false,
                false,
                false,
                schedule.nextDelay(0, engine.pollFloorSeconds()),
                0,
                null,
                Map.of(),
                Map.of(),
                null);
        return new JobRun(handle, submitted);
    }
}

package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.error.ConcurrentRunsExceeded;
import java.time.Clock;
import java.util.Map;

/**
 * Submits a job to the engine its input names and reports it as the first observation. An engine
 * that refuses the job for capacity ({@link ConcurrentRunsExceeded}: Glue's MaxConcurrentRuns, an
 * EMR cluster's 256 active steps, a service quota) is answered as a wait, not an error: the state
 * machine waits what the answer says and submits again, until the queue's deadline.
 */
public record JobSubmitter(JobEngines engines, PollSchedule schedule, QueuePolicy queue, Clock clock) {

    /** What a refused submission reports as its raw state: no engine holds the job yet. */
    public static final String WAITING_FOR_CAPACITY = "WAITING_FOR_CAPACITY";

    /** Starts the job (or finds the one a retried request started) and says when to poll it, or when to ask again. */
    public JobRun submit(JobRequest request) {
        JobEngine engine = engines.get(request.input().engine());
        long now = clock.instant().getEpochSecond();
        long queuedSince = request.startedAt() == null
                ? now
                : Math.min(now, request.startedAt().getEpochSecond());
        JobHandle handle;
        try {
            handle = engine.submit(request).queuedSince(queuedSince);
        } catch (ConcurrentRunsExceeded refused) {
            return refused(request, refused, now - queuedSince);
        }
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
                null,
                Math.max(0, handle.submittedAt() - handle.queuedSince()),
                null);
        return new JobRun(handle, submitted);
    }

    /** A refusal for capacity: QUEUED in the pipeline, to be submitted again after a wait, or held past the deadline. */
    private JobRun refused(JobRequest request, ConcurrentRunsExceeded refusal, long queuedSeconds) {
        boolean timedOut = queue.passed(queuedSeconds);
        var status = new JobStatus(
                WAITING_FOR_CAPACITY,
                NormalisedState.QUEUED,
                false,
                timedOut,
                false,
                timedOut ? 0 : queue.capacityWait(queuedSeconds),
                0,
                timedOut
                        ? queue.heldInTheQueue(
                                request.input().engine() + " still refused the job for capacity ("
                                        + refusal.getMessage() + ")",
                                queuedSeconds)
                        : null,
                Map.of(),
                Map.of(),
                null,
                queuedSeconds,
                null);
        return new JobRun(null, status);
    }
}

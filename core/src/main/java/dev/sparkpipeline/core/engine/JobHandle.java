package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.contract.Engine;

/**
 * Everything needed to find a submitted job again: the state machine carries it from submit to
 * every track and cancel call.
 *
 * @param engine        engine the job runs on
 * @param jobId         EMR Serverless job run id, Glue job run id, or EMR step id
 * @param containerId   EMR Serverless application id, Glue job name, or EMR cluster id
 * @param runId         the pipeline's run id (derived from the execution name)
 * @param submittedAt   epoch seconds of the submission
 * @param deadlineAt    epoch seconds the job would be timed out at had it run from its submission:
 *                      a job that waits first gets the same allowance ({@link #runAllowanceSeconds})
 *                      from the moment it starts running
 * @param queuedSince   epoch seconds the file began waiting for its job (the execution's start):
 *                      the queue's deadline counts from here until the job runs
 */
public record JobHandle(
        Engine engine,
        String jobId,
        String containerId,
        String runId,
        long submittedAt,
        long deadlineAt,
        long queuedSince) {

    /** Seconds the tracker waits past a deadline, so the engine's own timeout acts first. */
    public static final long DEADLINE_GRACE_SECONDS = 120;

    /** A handle of a job that waited for nothing before its submission. */
    public JobHandle(Engine engine, String jobId, String containerId, String runId, long submittedAt, long deadlineAt) {
        this(engine, jobId, containerId, runId, submittedAt, deadlineAt, submittedAt);
    }

    /** A handle whose run allowance is the job's timeout (plus grace). */
    public static JobHandle of(
            Engine engine, String jobId, String containerId, String runId, long submittedAt, int timeoutMinutes) {
        return new JobHandle(
                engine,
                jobId,
                containerId,
                runId,
                submittedAt,
                submittedAt + timeoutMinutes * 60L + DEADLINE_GRACE_SECONDS);
    }

    /** Seconds the job may run, counted from when it starts running: its timeout plus grace. */
    public long runAllowanceSeconds() {
        return deadlineAt - submittedAt;
    }

    /** This handle, its queue counted from {@code epochSeconds} (never after the submission). */
    public JobHandle queuedSince(long epochSeconds) {
        return new JobHandle(
                engine, jobId, containerId, runId, submittedAt, deadlineAt, Math.min(epochSeconds, submittedAt));
    }
}

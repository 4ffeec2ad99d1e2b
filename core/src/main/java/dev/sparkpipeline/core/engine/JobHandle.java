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
 * @param deadlineAt    epoch seconds after which the job counts as timed out
 */
public record JobHandle(
        Engine engine, String jobId, String containerId, String runId, long submittedAt, long deadlineAt) {

    /** Seconds the tracker waits past a job's own timeout, so the engine's timeout acts first. */
    public static final long DEADLINE_GRACE_SECONDS = 120;

    /** A handle whose deadline is the job's timeout (plus grace) after its submission. */
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
}

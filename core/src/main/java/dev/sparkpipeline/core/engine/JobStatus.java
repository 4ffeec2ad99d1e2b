package dev.sparkpipeline.core.engine;

import java.util.Map;

/**
 * One observation of a job, as the tracker reports it: the track function answers with these fields (JobRunJson).
 *
 * @param rawState        the engine's own state name
 * @param state           the normalised state
 * @param terminal        true when the job will not change state again
 * @param timedOut        true when the job is past a deadline and still not terminal: the queue's while it
 *                        waits ({@link NormalisedState#waiting()}), its own once it runs
 * @param longRunning     true once the poll schedule has reached its cap: from then on the state
 *                        machine watches the job by retrying the tracker at that cap
 * @param nextPollSeconds how long the state machine waits before the next poll (or, for a
 *                        submission refused for capacity, before it submits again)
 * @param elapsedSeconds  seconds since submission
 * @param failureReason   the engine's own reason for a failure, or the pipeline's for a job held to a
 *                        deadline, or null
 * @param links           named links: driver logs, Spark UI or dashboard, console
 * @param usage           resource usage by unit (vCPU-hours, GB-hours, DPU-hours, instance-hours)
 * @param estimatedCostUsd estimated cost so far in US dollars, or null when no estimate exists
 * @param queuedSeconds   seconds the job has waited so far before running: from the execution's start
 *                        (capacity refusals, the engine's queue, a cluster starting) until it ran
 * @param runningSince    epoch seconds the job began running, or null while it has not
 */
public record JobStatus(
        String rawState,
        NormalisedState state,
        boolean terminal,
        boolean timedOut,
        boolean longRunning,
        int nextPollSeconds,
        long elapsedSeconds,
        String failureReason,
        Map<String, String> links,
        Map<String, Double> usage,
        Double estimatedCostUsd,
        long queuedSeconds,
        Long runningSince) {

    public JobStatus {
        links = links == null ? Map.of() : Map.copyOf(links);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }
}

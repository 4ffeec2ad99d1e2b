package dev.sparkpipeline.core.engine;

import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Observes a job on its engine and turns the observation into the tracker's report. A job has two
 * deadlines: while it waits (PENDING or QUEUED) the queue's, counted from the execution's start;
 * once it runs its own timeout, counted from when it began running, so time in a queue never eats
 * the job's run time.
 *
 * <p>Each poll publishes, per dataset and engine: on the last poll (the job ended, or is held to a
 * deadline, which the state machine answers by cancelling it) what the job took ({@code
 * JobDurationSeconds}, {@code QueueSeconds}, {@code EstimatedCostUsd}, each when known); on a
 * poll of a job still running past {@value #NEAR_DEADLINE_PERCENT}% of its run allowance, {@code
 * JobNearDeadline} 1.
 */
public record JobTracker(JobEngines engines, PollSchedule schedule, QueuePolicy queue, Clock clock, Metrics metrics) {

    /** How much of its run allowance a running job has used when it is near its deadline. */
    public static final int NEAR_DEADLINE_PERCENT = 80;

    /** The job's current status, its first poll (nothing known from an earlier one), of no dataset known. */
    public JobRun track(JobHandle handle) {
        return track(handle, null, null);
    }

    /** The job's current status, of no dataset known ({@link Metrics#NO_DATASET}). */
    public JobRun track(JobHandle handle, JobStatus previous) {
        return track(handle, previous, null);
    }

    /**
     * The job's current status; a job past its deadline and not ended is reported timed out, with
     * a reason naming the time that deadline counts.
     *
     * @param previous the status of the last poll (or the submission), or null: it remembers when
     *                 the job began running for engines that do not say
     * @param dataset  the dataset the job curates, or null when the poll does not say: its metrics' dimension
     */
    public JobRun track(JobHandle handle, JobStatus previous, String dataset) {
        JobEngine engine = engines.get(handle.engine());
        EngineObservation seen = engine.observe(handle);
        long now = clock.instant().getEpochSecond();
        long elapsed = Math.max(0, now - handle.submittedAt());
        NormalisedState state = engine.description().normalise(seen.rawState());
        Long runningSince = runningSince(handle, previous, seen, state, now);
        long queued = Math.max(0, (runningSince == null ? now : Math.min(now, runningSince)) - handle.queuedSince());
        long running = runningSince == null ? 0 : Math.max(0, now - runningSince);
        boolean timedOut = !state.terminal()
                && (runningSince == null ? queue.passed(queued) : running >= handle.runAllowanceSeconds());
        String reason = seen.failureReason();
        if (reason == null && (state == NormalisedState.FAILED || state == NormalisedState.CANCELLED)) {
            // The state machine's Fail state needs a cause even when the engine gives none.
            reason = handle.engine() + " reported " + seen.rawState() + " without a reason";
        }
        if (timedOut) {
            reason = runningSince == null
                    ? queue.heldInTheQueue("the job was still " + seen.rawState(), queued)
                    : "held to its deadline: the job was still " + seen.rawState() + " after " + running + " s running"
                            + (queued > 0 ? " (it waited " + queued + " s before)" : "");
        }
        // The schedule follows the job's age in what it is doing now: a job that starts after hours in a queue is
        // young again, and polled (and, past the cap, watched) as one.
        long phase = runningSince == null ? queued : running;
        var status = new JobStatus(
                seen.rawState(),
                state,
                state.terminal(),
                timedOut,
                schedule.capped(phase),
                schedule.nextDelay(phase, engine.pollFloorSeconds()),
                elapsed,
                reason,
                seen.links(),
                seen.usage(),
                engine.description().estimate(seen.usage()),
                queued,
                runningSince);
        publish(dataset, handle, status, running);
        return new JobRun(handle, status);
    }

    /** This poll's metrics, if it has any: a poll of a job still waiting, far from its deadline, has none. */
    private void publish(String dataset, JobHandle handle, JobStatus status, long running) {
        List<Metrics.Value> values = new ArrayList<>();
        if (status.terminal() || status.timedOut()) {
            if (status.runningSince() != null) {
                // As of the poll that saw it end: the engines' answers give no end time, so at most a poll late.
                values.add(Metrics.Value.seconds(MetricNames.JOB_DURATION_SECONDS, running));
            }
            values.add(Metrics.Value.seconds(MetricNames.QUEUE_SECONDS, status.queuedSeconds()));
            if (status.estimatedCostUsd() != null) {
                values.add(Metrics.Value.usd(MetricNames.ESTIMATED_COST_USD, status.estimatedCostUsd()));
            }
        }
        if (!status.terminal()
                && status.runningSince() != null
                && running * 100 >= handle.runAllowanceSeconds() * NEAR_DEADLINE_PERCENT) {
            values.add(Metrics.Value.count(MetricNames.JOB_NEAR_DEADLINE, 1));
        }
        if (!values.isEmpty()) {
            metrics.publish(dataset, handle.engine(), values);
        }
    }

    /**
     * When the job began running: remembered, else the engine's word, else, once it is past
     * waiting, right after the last look that saw it waiting (the previous poll's time, or at most
     * the longest wait ago: a watch passes an older status). Never later than it began, so its
     * deadline is never late, and a job that runs at once is polled from its submission as before.
     */
    private static Long runningSince(
            JobHandle handle, JobStatus previous, EngineObservation seen, NormalisedState state, long now) {
        if (previous != null && previous.runningSince() != null) {
            return previous.runningSince();
        }
        if (state.waiting()) {
            return null;
        }
        if (seen.startedAt() != null) {
            return Math.min(seen.startedAt(), now);
        }
        if (previous == null) {
            return now;
        }
        long lastLook = handle.submittedAt() + previous.elapsedSeconds();
        return Math.min(now, Math.max(lastLook, now - PollSchedule.LONGEST_SECONDS));
    }
}

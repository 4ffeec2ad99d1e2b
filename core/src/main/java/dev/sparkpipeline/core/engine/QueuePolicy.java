package dev.sparkpipeline.core.engine;

import java.util.function.DoubleSupplier;

/**
 * How long a file may wait for its job to run, and how often a submission the engine refuses for
 * capacity asks again: load becomes a queue, never a failure. The wait counts from the
 * execution's start (refused submissions, the engine's own queue, a cluster starting) until the
 * job runs; past {@code timeoutMinutes} (template parameter QueueTimeoutMinutes, plus the same two
 * minutes of grace as a job's own deadline, so an engine's queue timeout acts first) the job is
 * cancelled and the run fails as QueueTimedOut.
 *
 * <p>A refused submission waits 30 s, then about as long again as it has waited so far (30, 60,
 * 120, 240 s), at most 300 s, each drawn from 75 % to 125 % so refused executions do not all come
 * back at once; never past the queue's deadline.
 *
 * @param timeoutMinutes the longest a file waits for its job to run
 * @param random         uniform numbers in [0, 1): jitter; tests pass a constant (0.5 is no jitter)
 */
public record QueuePolicy(int timeoutMinutes, DoubleSupplier random) {

    /** QueueTimeoutMinutes' default: six hours, EMR Serverless's own default queue timeout. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 360;
    /** The first wait after a refusal. */
    public static final int FIRST_CAPACITY_WAIT_SECONDS = 30;
    /** The longest wait between two submissions. */
    public static final int LONGEST_CAPACITY_WAIT_SECONDS = 300;

    private static final double LOWEST_FACTOR = 0.75;
    private static final double FACTOR_RANGE = 0.5;

    public QueuePolicy {
        if (timeoutMinutes < 1) {
            throw new IllegalArgumentException("a queue timeout is at least a minute, not " + timeoutMinutes);
        }
    }

    /** Seconds a file may wait, grace included, before the queue's deadline holds it. */
    public long deadlineSeconds() {
        return timeoutMinutes * 60L + JobHandle.DEADLINE_GRACE_SECONDS;
    }

    /** True once a file has waited {@code queuedSeconds} past the queue's deadline. */
    public boolean passed(long queuedSeconds) {
        return queuedSeconds >= deadlineSeconds();
    }

    /** Seconds to wait before submitting again a job refused for capacity after {@code queuedSeconds} of waiting. */
    public int capacityWait(long queuedSeconds) {
        double base =
                Math.min(LONGEST_CAPACITY_WAIT_SECONDS, Math.max(FIRST_CAPACITY_WAIT_SECONDS, queuedSeconds + 30.0));
        double jittered =
                Math.min(LONGEST_CAPACITY_WAIT_SECONDS, base * (LOWEST_FACTOR + FACTOR_RANGE * random.getAsDouble()));
        long left = deadlineSeconds() - queuedSeconds;
        return (int) Math.max(1, Math.min(Math.floor(jittered), left));
    }

    /** The cause of a job held to the queue's deadline: what it was still doing, and for how long. */
    String heldInTheQueue(String what, long queuedSeconds) {
        return "held in the queue past its deadline (QueueTimeoutMinutes " + timeoutMinutes + "): " + what + " after "
                + queuedSeconds + " s waiting";
    }
}

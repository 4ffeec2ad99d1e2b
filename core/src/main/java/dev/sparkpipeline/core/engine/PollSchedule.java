package dev.sparkpipeline.core.engine;

import java.util.function.DoubleSupplier;

/**
 * When to look at a running job again: often while it is young, then in proportion to its age,
 * capped. Polling at about a fifth of the elapsed time keeps the detection delay under a quarter
 * of the job's run time while the number of polls grows only with the logarithm of it; the cap
 * bounds the delay for long jobs. Each delay is drawn from 75 % to 125 % of that fifth, so jobs
 * started together drift apart within minutes (1,000 of them stay under GetJobRun's 10 calls a
 * second past their first ten minutes: bench/orchestration-cost.sh) and no delay passes a quarter
 * of the elapsed time, 15 s for a young job, or 297 s.
 */
public final class PollSchedule {

    /** The floor of the base wait: the first polls of a young job on a cloud engine. */
    public static final int MIN_SECONDS = 12;
    /** The cap of the base wait; from here on a job's polls are evenly spaced. */
    public static final int MAX_SECONDS = 270;
    /** No wait is longer: a job's end is noticed within five minutes, the call included. */
    public static final int LONGEST_SECONDS = 297;

    private static final double FRACTION_OF_ELAPSED = 0.2;
    private static final double LOWEST_FACTOR = 0.75;
    private static final double FACTOR_RANGE = 0.5;

    private final DoubleSupplier random;

    /** @param random uniform numbers in [0, 1): jitter; tests pass a constant (0.5 is no jitter) */
    public PollSchedule(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * True once a job is old enough for the longest wait: its polls are evenly spaced from then
     * on, so the state machine can watch it with a fixed-interval Retry.
     */
    public boolean capped(long elapsedSeconds) {
        return elapsedSeconds * FRACTION_OF_ELAPSED >= MAX_SECONDS;
    }

    /** Seconds to wait before the next poll of a job that has run for {@code elapsedSeconds}. */
    public int nextDelay(long elapsedSeconds) {
        return nextDelay(elapsedSeconds, MIN_SECONDS);
    }

    /**
     * As {@link #nextDelay(long)}, for an engine whose jobs start faster than a cloud engine's:
     * {@code floorSeconds} replaces the 12-second floor of the base wait.
     */
    public int nextDelay(long elapsedSeconds, int floorSeconds) {
        double base = Math.max(floorSeconds, Math.min(MAX_SECONDS, elapsedSeconds * FRACTION_OF_ELAPSED));
        double jittered = base * (LOWEST_FACTOR + FACTOR_RANGE * random.getAsDouble());
        return (int) Math.max(1, Math.min(Math.floor(jittered), LONGEST_SECONDS));
    }
}

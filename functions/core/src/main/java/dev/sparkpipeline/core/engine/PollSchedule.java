package dev.sparkpipeline.core.engine;

import java.util.function.DoubleSupplier;

/**
 * When to look at a running job again: often while it is young, then in proportion to its age,
 * capped. Polling at a fifth of the elapsed time keeps the detection delay under a quarter of
 * the job's run time while the number of polls grows only with the logarithm of it; the cap
 * bounds the delay for long jobs. Jitter (up to +10 %) spreads jobs started together.
 */
public final class PollSchedule {

    /** Shortest wait: the first polls of a young job. */
    public static final int MIN_SECONDS = 12;
    /** Longest wait: no job waits longer than this to be noticed. */
    public static final int MAX_SECONDS = 270;

    private static final double FRACTION_OF_ELAPSED = 0.2;
    private static final double MAX_JITTER = 0.1;

    private final DoubleSupplier random;

    /** @param random uniform numbers in [0, 1): jitter; tests pass a constant */
    public PollSchedule(DoubleSupplier random) {
        this.random = random;
    }

    /** Seconds to wait before the next poll of a job that has run for {@code elapsedSeconds}. */
    public int nextDelay(long elapsedSeconds) {
        double base = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, elapsedSeconds * FRACTION_OF_ELAPSED));
        double jittered = base * (1 + MAX_JITTER * random.getAsDouble());
        return (int) Math.min(Math.round(jittered), Math.round(MAX_SECONDS * (1 + MAX_JITTER)));
    }
}

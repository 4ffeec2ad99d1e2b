package dev.sparkpipeline.local.asl;

import java.util.List;

/**
 * One entry of a state's Retry, with the defaults of fields the definition leaves out.
 *
 * @param errorEquals     the error names it handles
 * @param intervalSeconds the wait before the first retry (default 1)
 * @param maxAttempts     how many retries it allows (default 3; 0 stops retries of these errors)
 * @param backoffRate     what each wait is multiplied by for the next (default 2.0)
 * @param maxDelaySeconds the longest wait, or null for none
 * @param jitterStrategy  FULL: each wait is a random part of the computed one (default NONE)
 */
public record Retrier(
        List<String> errorEquals,
        long intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Long maxDelaySeconds,
        JitterStrategy jitterStrategy) {

    /** Step Functions' IntervalSeconds when a retrier leaves it out. */
    public static final long DEFAULT_INTERVAL_SECONDS = 1;
    /** Step Functions' MaxAttempts when a retrier leaves it out. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Step Functions' BackoffRate when a retrier leaves it out. */
    public static final double DEFAULT_BACKOFF_RATE = 2.0;

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** Whether this retrier handles {@code failure} (see {@link StatesError#matches}). */
    public boolean handles(StatesError failure) {
        return errorEquals.stream().anyMatch(failure::matches);
    }

    /** A retrier's JitterStrategy. */
    public enum JitterStrategy {
        FULL,
        NONE
    }
}

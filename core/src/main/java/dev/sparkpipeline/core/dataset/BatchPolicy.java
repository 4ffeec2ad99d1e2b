package dev.sparkpipeline.core.dataset;

import java.io.Serializable;

/**
 * When a batched dataset's landed files are closed into one execution: as soon as a batch holds
 * {@code maxFiles} files or {@code maxBytes} bytes, or when its oldest file has waited
 * {@code maxWaitSeconds}. A file larger than {@code maxBytes} always runs alone.
 *
 * @param maxFiles       the most files in one batch (1 to {@value #MOST_FILES})
 * @param maxBytes       the most bytes in one batch
 * @param maxWaitSeconds the longest a landed file waits for others (0 to {@value #LONGEST_WAIT_SECONDS})
 */
public record BatchPolicy(int maxFiles, long maxBytes, int maxWaitSeconds) implements Serializable {

    /**
     * The most files in a batch: its manifest stays a few MB, and one Spark read of that many
     * small files is still one listing.
     */
    public static final int MOST_FILES = 10_000;
    /**
     * The longest wait: the intake queue redelivers an unclosed file every visibility timeout (180 s),
     * 30 times before the dead-letter queue, so a file waits at most about 90 minutes; one hour is the bound.
     */
    public static final int LONGEST_WAIT_SECONDS = 3600;

    public static final int DEFAULT_MAX_FILES = 500;
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final int DEFAULT_MAX_WAIT_SECONDS = 120;

    public BatchPolicy {
        if (maxFiles < 1 || maxFiles > MOST_FILES) {
            throw new IllegalArgumentException("maxFiles must be 1 to " + MOST_FILES);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        if (maxWaitSeconds < 0 || maxWaitSeconds > LONGEST_WAIT_SECONDS) {
            throw new IllegalArgumentException("maxWaitSeconds must be 0 to " + LONGEST_WAIT_SECONDS);
        }
    }

    /** Whether a file of this size may share a batch. */
    public boolean admits(long sizeBytes) {
        return sizeBytes <= maxBytes;
    }
}

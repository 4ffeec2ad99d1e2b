package dev.sparkpipeline.local.bench;

import java.time.Duration;

/**
 * How long the curate job runs once started, in a load run: a fixed part (Spark's own start-up,
 * the table commit) plus a part per MiB of input. Assumed, not measured: the local job takes
 * about as long for one small file, and 1 s a MiB is a modest read, parse and write rate for a
 * small cluster.
 *
 * @param fixed  every run's fixed part
 * @param perMib every MiB of input's part
 */
record JobLength(Duration fixed, Duration perMib) {

    /** 60 s plus 1 s a MiB. */
    static final JobLength DEFAULT = new JobLength(Duration.ofSeconds(60), Duration.ofSeconds(1));

    /** The running time of a job over {@code bytes} of input. */
    Duration of(long bytes) {
        return fixed.plusMillis(Math.round(perMib.toMillis() * (bytes / (1024.0 * 1024.0))));
    }
}

package dev.sparkpipeline.core.observability;

import java.util.List;

/**
 * The names of the metrics the functions publish per dataset ({@link Metrics#publish}): the one
 * list the emitting code, the template's alarms and dashboard, and the docs share, so a widget
 * cannot name a metric nothing emits.
 */
public final class MetricNames {

    /** validate: landed versions of files, per dataset (a repeated event lands nothing new). */
    public static final String FILES_LANDED = "FilesLanded";
    /** validate: files set aside under {@code quarantine/} by a landing rule. */
    public static final String FILES_QUARANTINED = "FilesQuarantined";
    /** publish: files whose rows are in the table's commit (each member of a batch counts). */
    public static final String FILES_CURATED = "FilesCurated";
    /** record-failure, reconcile, publish (a batch member set aside): files newly recorded under {@code failed/}. */
    public static final String FILES_FAILED = "FilesFailed";
    /** publish: rows the job read. */
    public static final String ROWS_IN = "RowsIn";
    /** publish: rows the commit holds. */
    public static final String ROWS_CURATED = "RowsCurated";
    /** publish: rows that failed the dataset's schema. */
    public static final String ROWS_REJECTED = "RowsRejected";
    /** publish: rows dropped as duplicates. */
    public static final String ROWS_DUPLICATE = "RowsDuplicate";
    /** track, last poll (the job ended, or is held to a deadline): seconds the job ran, once it ran. */
    public static final String JOB_DURATION_SECONDS = "JobDurationSeconds";
    /** track, last poll: seconds the file waited for its job to run (capacity, the engine's queue, a cluster starting). */
    public static final String QUEUE_SECONDS = "QueueSeconds";
    /** track, last poll: the job's estimated cost in US dollars, when its usage has a price. */
    public static final String ESTIMATED_COST_USD = "EstimatedCostUsd";
    /** track: 1 on each poll of a running job past 80% of its run allowance ({@code JobTracker.NEAR_DEADLINE_PERCENT}). */
    public static final String JOB_NEAR_DEADLINE = "JobNearDeadline";

    /** Every name above. */
    public static final List<String> ALL = List.of(
            FILES_LANDED,
            FILES_QUARANTINED,
            FILES_CURATED,
            FILES_FAILED,
            ROWS_IN,
            ROWS_CURATED,
            ROWS_REJECTED,
            ROWS_DUPLICATE,
            JOB_DURATION_SECONDS,
            QUEUE_SECONDS,
            ESTIMATED_COST_USD,
            JOB_NEAR_DEADLINE);

    private MetricNames() {}
}

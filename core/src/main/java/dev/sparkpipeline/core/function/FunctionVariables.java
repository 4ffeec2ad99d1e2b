package dev.sparkpipeline.core.function;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.engine.QueuePolicy;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names of the variables {@code template.yaml} sets on the functions, and the reading of the
 * ones more than one function reads. The template's {@code Environment} blocks are their other
 * half: the local runner builds every function from the template's variables alone, so a name
 * the template does not set fails the first offline run, and every end-to-end test.
 */
public final class FunctionVariables {

    /** The state machine the validate function starts. */
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    /** The intake queue's URL: where the validate function queues files of batched datasets. */
    public static final String INTAKE_QUEUE_URL = "INTAKE_QUEUE_URL";
    /** The intake queue's dead-letter queue: files the batcher could not close, which a replay moves back. */
    public static final String INTAKE_DEAD_LETTER_QUEUE_URL = "INTAKE_DEAD_LETTER_QUEUE_URL";
    /** The landing bucket: where files land and where inputs must name their sources. */
    public static final String LANDING_BUCKET = "LANDING_BUCKET";
    /** The quarantine bucket: quarantined files, failure records, archived sources. */
    public static final String QUARANTINE_BUCKET = "QUARANTINE_BUCKET";
    /** The curated bucket: the tables' data. */
    public static final String CURATED_BUCKET = "CURATED_BUCKET";
    /** The Glue database the tables are registered in. */
    public static final String GLUE_DATABASE = "GLUE_DATABASE";
    /** Commits between two compactions of a table by the curate job (template parameter TableCompactEveryCommits). */
    public static final String TABLE_COMPACT_EVERY_COMMITS = "TABLE_COMPACT_EVERY_COMMITS";
    /** Days a table snapshot is kept (template parameter TableSnapshotRetentionDays). */
    public static final String TABLE_SNAPSHOT_RETENTION_DAYS = "TABLE_SNAPSHOT_RETENTION_DAYS";
    /** The longest a file waits for its job to run (template parameter QueueTimeoutMinutes). */
    public static final String QUEUE_TIMEOUT_MINUTES = "QUEUE_TIMEOUT_MINUTES";
    /** The stack's name: the prefix of the transient clusters' names. */
    public static final String STACK_NAME = "STACK_NAME";
    /**
     * The CloudWatch namespace of the functions' metrics: one per stack (template Globals), so two
     * stacks in an account never add up in each other's alarms; absent, {@code SparkPipeline}.
     */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    /** {@code true} to remove a quarantined file from the landing bucket once its copy is safe. */
    public static final String DELETE_SOURCE_AFTER_QUARANTINE = "DELETE_SOURCE_AFTER_QUARANTINE";
    /** {@code true} to remove a curated file from the landing bucket once it is archived. */
    public static final String DELETE_SOURCE_AFTER_ARCHIVE = "DELETE_SOURCE_AFTER_ARCHIVE";
    /**
     * Names a datasets configuration file to read instead of the one bundled into the build. The
     * deployed functions never set it (the deployed configuration is the bundled one); the local
     * runner sets it to its {@code --config}.
     */
    public static final String DATASETS_CONFIG = "DATASETS_CONFIG";

    private FunctionVariables() {}

    /**
     * The queue's deadline the submit and track functions hold jobs to ({@link #QUEUE_TIMEOUT_MINUTES},
     * else {@link QueuePolicy#DEFAULT_TIMEOUT_MINUTES}), its capacity waits jittered.
     */
    public static QueuePolicy queuePolicy(FunctionEnvironment environment) {
        String value = environment.optional(QUEUE_TIMEOUT_MINUTES).orElse(null);
        int minutes;
        try {
            minutes = value == null ? QueuePolicy.DEFAULT_TIMEOUT_MINUTES : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(QUEUE_TIMEOUT_MINUTES + " must be a whole number, not " + value, e);
        }
        return new QueuePolicy(minutes, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The datasets a function checks against: {@link #DATASETS_CONFIG}'s file, else the bundled ones. */
    public static DatasetCatalog datasets(FunctionEnvironment environment) {
        return environment
                .optional(DATASETS_CONFIG)
                .map(Path::of)
                .map(DatasetCatalog::read)
                .orElseGet(DatasetCatalog::bundled);
    }
}

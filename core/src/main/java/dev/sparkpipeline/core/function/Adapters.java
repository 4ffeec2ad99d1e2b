package dev.sparkpipeline.core.function;

import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.intake.DeadLetterQueue;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.Catalog;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.time.Clock;

/**
 * What the functions run on: the ports' adapters. On AWS they are the SDK adapters (module
 * pipeline-aws), offline the local runner's lake adapters. Each function's factory asks for the
 * ones it uses, with the names its {@link FunctionEnvironment} gives, so the cloud, the local
 * runner and its endpoint mode build every function the same way.
 */
public interface Adapters {

    /** The buckets, as S3 objects. */
    ObjectStore objectStore();

    /** Starts executions of the state machine {@code stateMachineArn}. */
    ExecutionStarter executionStarter(String stateMachineArn);

    /** The intake queue at {@code queueUrl}, where accepted files of batched datasets wait for the batcher. */
    IntakeQueue intakeQueue(String queueUrl);

    /** The dead-letter queue at {@code queueUrl}, whose messages a replay moves back to their queue. */
    DeadLetterQueue deadLetterQueue(String queueUrl);

    /** Every engine a job can run on. */
    JobEngines jobEngines();

    /** The table catalog of {@code database}. */
    Catalog catalog(String database);

    /** The transient clusters the stack {@code stackName} starts for its executions. */
    ExecutionClusters clusters(String stackName);

    /** Where the function {@code function}'s structured log lines go. */
    EventLog eventLog(String function);

    /** Where the function {@code function}'s metrics go. */
    Metrics metrics(String function);

    /** The time the function records. */
    Clock clock();
}

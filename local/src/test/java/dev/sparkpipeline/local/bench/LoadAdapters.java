package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.intake.DeadLetterQueue;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.Catalog;
import dev.sparkpipeline.core.storage.ObjectStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ports of a load run, for every function's own factory: the in-memory store, the launcher
 * that runs started executions on the interpreter, the modelled intake queue and engines, the
 * virtual clock. The Glue Data Catalog and the cluster records answer at once (one request each);
 * logs and metrics are dropped.
 */
record LoadAdapters(
        MemoryObjectStore store,
        ExecutionLauncher launcher,
        IntakeQueue queue,
        JobEngines engines,
        Clock clock,
        RequestMeter meter)
        implements Adapters {

    @Override
    public ObjectStore objectStore() {
        return store;
    }

    @Override
    public ExecutionStarter executionStarter(String stateMachineArn) {
        return launcher;
    }

    @Override
    public IntakeQueue intakeQueue(String queueUrl) {
        return queue;
    }

    /** The load runs model no dead-letter queue: nothing waits there. */
    @Override
    public DeadLetterQueue deadLetterQueue(String queueUrl) {
        return target -> 0;
    }

    @Override
    public JobEngines jobEngines() {
        return engines;
    }

    @Override
    public Catalog catalog(String database) {
        Set<String> registered = new HashSet<>();
        return (table, location, metadataLocation) -> {
            meter.request();
            return registered.add(table);
        };
    }

    @Override
    public ExecutionClusters clusters(String stackName) {
        return executionName -> {
            meter.request();
            return List.of();
        };
    }

    @Override
    public EventLog eventLog(String function) {
        return new EventLog(function, line -> {}, clock);
    }

    @Override
    public Metrics metrics(String function) {
        return new Metrics("SparkPipeline", function, line -> {}, clock);
    }

    @Override
    public Clock clock() {
        return clock;
    }
}

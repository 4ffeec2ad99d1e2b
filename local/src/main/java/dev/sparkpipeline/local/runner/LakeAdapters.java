package dev.sparkpipeline.local.runner;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.execution.ExecutionStarter;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.intake.DeadLetterQueue;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.Catalog;
import dev.sparkpipeline.core.storage.ObjectStore;
import dev.sparkpipeline.local.lake.FolderObjectStore;
import dev.sparkpipeline.local.lake.LakeIntakeQueue;
import dev.sparkpipeline.local.lake.LocalCatalog;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.local.spark.LocalSparkEngine;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ports offline, on the local lake: its folders as buckets, executions recorded in its ledger
 * (the runner runs them), queues as folders under {@code <lake>/_queues/}, the engines given (local
 * Spark, or a test's), its catalog file, its cluster records; logs and metrics under
 * {@code <lake>/_logs/}.
 */
public final class LakeAdapters implements Adapters {

    private final LocalLake lake;
    private final JobEngines engines;
    private final RecordingExecutionStarter starter;
    private final Clock clock;
    private final FolderObjectStore store;

    /**
     * @param engines the engines the functions submit to and track
     * @param starter records the executions the validate function starts
     * @param clock   the functions' time
     */
    public LakeAdapters(LocalLake lake, JobEngines engines, RecordingExecutionStarter starter, Clock clock) {
        this.lake = lake;
        this.engines = engines;
        this.starter = starter;
        this.clock = clock;
        this.store = new FolderObjectStore(lake);
    }

    /** Every engine on local Spark, writing to {@code curatedBucket}; executions recorded in {@code ledger}. */
    public static LakeAdapters onLocalSpark(
            LocalLake lake, LocalSparkJob job, String curatedBucket, ExecutionLedger ledger) {
        Clock clock = Clock.systemUTC();
        List<JobEngine> engines = new ArrayList<>();
        for (EngineDescription engine : EngineDescriptions.KNOWN) {
            engines.add(new LocalSparkEngine(engine, lake, job, curatedBucket, clock));
        }
        return new LakeAdapters(lake, new JobEngines(engines), new RecordingExecutionStarter(ledger), clock);
    }

    /** The executions the functions started, by name. */
    public Map<String, ExecutionInput> started() {
        return starter.started();
    }

    @Override
    public ObjectStore objectStore() {
        return store;
    }

    @Override
    public ExecutionStarter executionStarter(String stateMachineArn) {
        // The lake has one state machine: the runner's.
        return starter;
    }

    @Override
    public IntakeQueue intakeQueue(String queueUrl) {
        return LakeIntakeQueue.of(lake, queueUrl, clock);
    }

    @Override
    public DeadLetterQueue deadLetterQueue(String queueUrl) {
        return target -> {
            LakeIntakeQueue from = LakeIntakeQueue.of(lake, queueUrl, clock);
            LakeIntakeQueue to = LakeIntakeQueue.of(lake, target, clock);
            int moved = 0;
            for (List<QueueMessage> page = from.receive(10); !page.isEmpty(); page = from.receive(10)) {
                for (QueueMessage message : page) {
                    to.send(message.body().getBytes(StandardCharsets.UTF_8));
                    from.delete(message.receiptHandle());
                    moved++;
                }
            }
            return moved;
        };
    }

    @Override
    public JobEngines jobEngines() {
        return engines;
    }

    @Override
    public Catalog catalog(String database) {
        return new LocalCatalog(lake);
    }

    @Override
    public ExecutionClusters clusters(String stackName) {
        return new LakeClusters(lake, stackName);
    }

    @Override
    public EventLog eventLog(String function) {
        return new EventLog(function, line -> append("functions.log", line), clock);
    }

    @Override
    public Metrics metrics(String function) {
        return new Metrics("SparkPipeline", function, line -> append("metrics.log", line), clock);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private void append(String file, String line) {
        Path logs = lake.root().resolve("_logs");
        try {
            Files.createDirectories(logs);
            Files.writeString(
                    logs.resolve(file),
                    line + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.execution.InputCheck;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.core.outcome.Reconciler;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.FolderObjectStore;
import dev.sparkpipeline.local.lake.LakeBuckets;
import dev.sparkpipeline.local.lake.LocalCatalog;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.local.spark.LocalSparkEngine;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The pipeline on one machine, from the same files the cloud uses: {@code template.yaml}
 * (functions, their EventBridge rules and the definition substitutions),
 * {@code statemachine/pipeline.asl.json} on the project's interpreter, and the template's handlers
 * in-process. Offline, the handlers run on local adapters and the curate job on local Spark; in the
 * endpoint mode ({@code EndpointStack}), they build their own AWS adapters against an emulator. An
 * event goes to the functions the template routes it to; the executions they start run with
 * {@link #execute}.
 */
public final class LocalPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalFunctions functions;
    private final LocalEventBus bus;
    private final PipelineBuckets buckets;
    private final Function<String, Optional<ExecutionInput>> startedExecutions;
    private final ExecutionLedger ledger;
    private final String stateMachineArn;
    private final StateMachineInterpreter interpreter;

    /**
     * The pipeline from its parts.
     *
     * @param functions         the template's functions
     * @param tasks             the interpreter's Task resources (calling those functions)
     * @param buckets           the buckets as the runner reaches them
     * @param startedExecutions the input of an execution a function started, by name
     * @param ledger            where the executions this pipeline runs are recorded
     */
    public LocalPipeline(SamTemplate template, LocalResources resources, LocalFunctions functions, TaskRunner tasks,
                         PipelineBuckets buckets, Function<String, Optional<ExecutionInput>> startedExecutions,
                         ExecutionLedger ledger) {
        this.functions = functions;
        this.bus = new LocalEventBus(template, resources);
        this.buckets = buckets;
        this.startedExecutions = startedExecutions;
        this.ledger = ledger;
        this.stateMachineArn = resources.ref("PipelineStateMachine");
        try {
            JsonNode definition = JSON.readTree(resources.stateMachineDefinition());
            this.interpreter = new StateMachineInterpreter(definition, tasks, ExecutionClock.real(), new Random());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pipeline offline with the datasets bundled into this build. */
    public static LocalPipeline offline(SamTemplate template, LocalLake lake, LocalSparkJob job) {
        return offline(template, lake, job, DatasetCatalog.bundled());
    }

    /** The pipeline offline: local adapters on the lake's folders, every engine on local Spark, these datasets. */
    public static LocalPipeline offline(SamTemplate template, LocalLake lake, LocalSparkJob job, DatasetCatalog catalog) {
        var resources = new LocalResources(template);
        var ledger = ExecutionLedger.of(lake.root());
        var starter = new RecordingExecutionStarter(ledger);
        var functions = new LocalFunctions(template, offlineAdapters(resources, lake, job, starter, catalog));
        return new LocalPipeline(template, resources, functions, new LocalTasks(functions, new LakeIntegrations(lake)),
                new LakeBuckets(lake), name -> Optional.ofNullable(starter.started().get(name)), ledger);
    }

    private static Map<Class<?>, Object> offlineAdapters(LocalResources resources, LocalLake lake, LocalSparkJob job,
                                                         RecordingExecutionStarter starter, DatasetCatalog catalog) {
        Clock clock = Clock.systemUTC();
        var store = new FolderObjectStore(lake);
        List<JobEngine> engines = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            engines.add(new LocalSparkEngine(engine, lake, job, clock));
        }
        Path logs = lake.root().resolve("_logs");
        Map<Class<?>, Object> adapters = new HashMap<>();
        var jobEngines = new JobEngines(engines);
        var failures = new FailureRecorder(store, LocalLake.QUARANTINE, clock);
        adapters.put(JobEngines.class, jobEngines);
        adapters.put(Clock.class, clock);
        adapters.put(Publisher.class, new Publisher(store, new LocalCatalog(lake), LocalLake.CURATED, LocalLake.QUARANTINE, false, clock));
        adapters.put(FailureRecorder.class, failures);
        adapters.put(Reconciler.class, new Reconciler(jobEngines, new LakeClusters(lake, resources.ref("AWS::StackName")), failures));
        adapters.put(InputCheck.class, new InputCheck(store, catalog, resources.ref("LandingBucket")));
        adapters.put(LandingValidator.class, new LandingValidator(store, starter, new LandingRules(catalog),
                new QuarantineWriter(store, resources.ref("QuarantineBucket"), LandingValidator.QUARANTINE_PREFIX,
                        Boolean.parseBoolean(resources.ref("DeleteSourceAfterQuarantine"))),
                new EventLog("validate", line -> append(logs, "functions.log", line), clock),
                new Metrics("SparkPipeline", "validate", line -> append(logs, "metrics.log", line), clock)));
        return adapters;
    }

    /** The template's functions, callable in-process. */
    public LocalFunctions functions() {
        return functions;
    }

    /** The functions the template's EventBridge rules send this event to. */
    public List<String> targets(JsonNode event) {
        return bus.targets(event);
    }

    /** The pipeline's buckets, as the runner reaches them. */
    public PipelineBuckets buckets() {
        return buckets;
    }

    /** The input of an execution a function started, by its name. */
    public Optional<ExecutionInput> started(String executionName) {
        return startedExecutions.apply(executionName);
    }

    /** What this pipeline knows of the executions started and run on its lake. */
    public ExecutionLedger ledger() {
        return ledger;
    }

    /**
     * Runs one execution of the pipeline's state machine to its end, and records it in the ledger.
     * Stopping the runner meanwhile (Ctrl-C, SIGTERM) stops the execution as StopExecution does:
     * it is recorded aborted, and the "Execution Status Change" event Step Functions would send
     * goes to the function the template routes it to (the reconciler), which stops the job and
     * records the file.
     */
    public Execution execute(String executionName, JsonNode input) {
        ledger.running(executionName, input);
        long startedAt = System.currentTimeMillis();
        Thread stopped = new Thread(() -> stoppedByUser(executionName, input, startedAt), "stop-execution-" + executionName);
        Runtime.getRuntime().addShutdownHook(stopped);
        Execution execution;
        boolean stopping;
        try {
            execution = interpreter.run(executionName, input);
        } catch (RuntimeException refused) {
            ledger.aborted(executionName, input, "the runner could not run it: " + refused.getMessage());
            throw refused;
        } finally {
            stopping = !unhook(stopped);
        }
        if (!stopping) {
            // Once the runner is stopping, the hook's ABORTED is the execution's end, whatever the interpreter reached.
            ledger.ended(executionName, input, execution);
        }
        return execution;
    }

    /** False when the runner is already shutting down, so the hook runs. */
    private static boolean unhook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private void stoppedByUser(String executionName, JsonNode input, long startedAt) {
        String cause = "stopped by user (Ctrl-C or SIGTERM) before the execution ended";
        ledger.aborted(executionName, input, cause);
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("source", "aws.states")
                .put("detail-type", "Step Functions Execution Status Change");
        ObjectNode detail = event.putObject("detail").put("name", executionName).put("status", "ABORTED")
                .put("stateMachineArn", stateMachineArn).put("startDate", startedAt).put("cause", cause);
        detail.put("input", input.toString());
        for (String function : bus.targets(event)) {
            try {
                functions.invoke(function, JSON.writeValueAsBytes(event));
            } catch (RuntimeException | IOException failed) {
                // A hook cannot report; the ledger already says the execution was aborted.
                System.err.println("pipeline-local: " + function + " could not reconcile " + executionName + ": " + failed.getMessage());
            }
        }
    }

    private static void append(Path logs, String file, String line) {
        try {
            Files.createDirectories(logs);
            Files.writeString(logs.resolve(file), line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

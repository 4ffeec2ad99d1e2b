package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.ExecutionStop;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private static final String STOPPED_BY_USER = "stopped by user (Ctrl-C or SIGTERM) before the execution ended";
    /** How long a stop waits for the state then running to end. */
    private static final Duration STATE_END_BOUND = Duration.ofSeconds(30);

    private final LocalFunctions functions;
    private final LocalEventBus bus;
    private final PipelineBuckets buckets;
    private final Function<String, Optional<ExecutionInput>> startedExecutions;
    private final ExecutionLedger ledger;
    private final String stateMachineArn;
    private final String emrSubnet;
    private final StateMachineInterpreter interpreter;

    private final BucketNames bucketNames;
    private final QueueDelivery queueDelivery;

    private LocalPipeline(SamTemplate template, PipelineSite site, LocalFunctions functions, ExecutionLedger ledger) {
        this.functions = functions;
        this.bus = new LocalEventBus(template, site.resources());
        this.buckets = site.buckets();
        this.queueDelivery = new QueueDelivery(template, site.resources(), site.queues(), functions);
        this.bucketNames = BucketNames.of(site.resources());
        this.startedExecutions = site::started;
        this.ledger = ledger;
        this.stateMachineArn = site.resources().ref("PipelineStateMachine");
        this.emrSubnet = site.resources().ref("EmrSubnetId");
        try {
            JsonNode definition = JSON.readTree(site.resources().stateMachineDefinition());
            this.interpreter =
                    new StateMachineInterpreter(definition, site.tasks(functions), ExecutionClock.real(), new Random());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The runner's one composition root: the template's functions, each built by its factory on the
     * site's adapters, the state machine on the site's Task resources, executions recorded in the
     * lake's ledger.
     *
     * @param datasetsConfig the datasets configuration the functions read ({@code DATASETS_CONFIG}),
     *                       or null for the one bundled into the build
     */
    public static LocalPipeline on(SamTemplate template, PipelineSite site, LocalLake lake, Path datasetsConfig) {
        return new LocalPipeline(
                template, site, new LocalFunctions(template, site, datasetsConfig), ExecutionLedger.of(lake.root()));
    }

    /** The pipeline offline with the datasets bundled into this build. */
    public static LocalPipeline offline(SamTemplate template, LocalLake lake, LocalSparkJob job) {
        return offline(template, lake, job, null);
    }

    /**
     * The pipeline offline: local adapters on the lake's folders, every engine on local Spark, the
     * datasets of {@code datasetsConfig} (null: the bundled ones).
     */
    public static LocalPipeline offline(SamTemplate template, LocalLake lake, LocalSparkJob job, Path datasetsConfig) {
        var resources = new LocalResources(template);
        var adapters = LakeAdapters.onLocalSpark(
                lake, job, BucketNames.of(resources).curated(), ExecutionLedger.of(lake.root()));
        return on(template, new LakeSite(resources, lake, adapters), lake, datasetsConfig);
    }

    /** The state machine's definition, as the interpreter runs it. */
    public StateMachineDefinition definition() {
        return interpreter.definition();
    }

    /** The template's functions, callable in-process. */
    public LocalFunctions functions() {
        return functions;
    }

    /** The functions the template's EventBridge rules send this event to. */
    public List<String> targets(JsonNode event) {
        return bus.targets(event);
    }

    /** The names of the template's buckets where this pipeline runs. */
    public BucketNames bucketNames() {
        return bucketNames;
    }

    /** The pipeline's buckets, as the runner reaches them. */
    public PipelineBuckets buckets() {
        return buckets;
    }

    /** The template's queue subscriptions, delivering what the functions queued to the functions that read it. */
    public QueueDelivery queueDelivery() {
        return queueDelivery;
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
     * What the template lacks for this execution input to run in the cloud, or empty. Offline the
     * run goes on (the local cluster needs no subnet), but deployed, a transient EMR cluster with no
     * {@code EmrSubnetId} fails at RunJobFlow: the user hears it here first.
     */
    public Optional<String> missingInTheCloud(JsonNode input) {
        String engine = input.path("engine").asText();
        boolean transientEmr = Engine.known(engine)
                        .map(known -> EngineDescriptions.of(known).runsOnCluster())
                        .orElse(false)
                && input.path("job").path("clusterId").asText("").isEmpty();
        if (transientEmr && (emrSubnet == null || emrSubnet.isBlank())) {
            return Optional.of("dataset " + input.path("dataset").asText()
                    + " runs on " + engine + " here, but the template's EmrSubnetId is empty: deployed, its cluster"
                    + " would not start (set EmrSubnetId, or name an existing cluster in job.clusterId)");
        }
        return Optional.empty();
    }

    /**
     * Runs one execution of the pipeline's state machine to its end, and records it in the ledger.
     * Stopping the runner meanwhile (Ctrl-C, SIGTERM) stops the execution as StopExecution does:
     * it is recorded aborted, and the "Execution Status Change" event Step Functions would send
     * goes to the function the template routes it to (the reconciler), which stops the job and
     * records the file.
     */
    public Execution execute(String executionName, JsonNode input) {
        return execute(executionName, input, event -> {});
    }

    /** As {@link #execute(String, JsonNode)}, telling {@code listener} each history event as it happens. */
    public Execution execute(String executionName, JsonNode input, Consumer<HistoryEvent> listener) {
        ledger.running(executionName, input);
        long startedAt = System.currentTimeMillis();
        ExecutionStop stop = new ExecutionStop();
        CountDownLatch ended = new CountDownLatch(1);
        Thread stopped = new Thread(
                () -> {
                    // As StopExecution: no state runs after this, so no failure path races the reconciler's record.
                    stop.request(STOPPED_BY_USER);
                    awaitEnd(ended);
                    stoppedByUser(executionName, input, startedAt);
                },
                "stop-execution-" + executionName);
        Runtime.getRuntime().addShutdownHook(stopped);
        Execution execution;
        boolean stopping;
        try {
            execution = interpreter.run(executionName, input, listener, stop);
        } catch (RuntimeException refused) {
            ledger.aborted(executionName, input, "the runner could not run it: " + refused.getMessage());
            throw refused;
        } finally {
            stopping = !unhook(stopped);
            ended.countDown();
        }
        if (!stopping) {
            // Once the runner is stopping, the hook's ABORTED is the execution's end, whatever the interpreter reached.
            ledger.ended(executionName, input, execution);
        }
        return execution;
    }

    /** The state running when the stop came finishes first (a Lambda invocation is not recalled either), within a bound. */
    private static void awaitEnd(CountDownLatch ended) {
        try {
            if (!ended.await(STATE_END_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("pipeline-local: the running state did not end within " + STATE_END_BOUND.toSeconds()
                        + " s of the stop; recording the execution aborted anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        String cause = STOPPED_BY_USER;
        ledger.aborted(executionName, input, cause);
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("source", "aws.states")
                .put("detail-type", "Step Functions Execution Status Change");
        ObjectNode detail = event.putObject("detail")
                .put("name", executionName)
                .put("status", "ABORTED")
                .put("stateMachineArn", stateMachineArn)
                .put("startDate", startedAt)
                .put("cause", cause);
        detail.put("input", input.toString());
        for (String function : bus.targets(event)) {
            try {
                functions.invoke(function, JSON.writeValueAsBytes(event));
            } catch (RuntimeException | IOException failed) {
                // A hook cannot report; the ledger already says the execution was aborted.
                System.err.println("pipeline-local: " + function + " could not reconcile " + executionName + ": "
                        + failed.getMessage());
            }
        }
    }
}

package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.template.BucketNames;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One load run on virtual time: files land in the in-memory landing bucket; each one's Object
 * Created event goes to the template's validate function; batched files go through the modelled
 * intake queue to the template's batcher function; every execution started runs the real state
 * machine on the interpreter with the template's functions in-process (submit, track, cancel,
 * publish, record failure and the input check, all real), against a {@link CapacityEngine}.
 * Fates come from the store: what Publish archived, what RecordFailure recorded.
 */
final class IntakeRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private static final String DATASET = "orders";

    private final IntakeScenario scenario;
    private final VirtualTime time = new VirtualTime(START);
    private final RequestMeter meter = new RequestMeter();
    private final ExecutionLauncher launcher = new ExecutionLauncher(meter);
    private final Map<String, Integer> executions = new TreeMap<>();
    private final BucketNames buckets;
    private final FateLedger fates;
    private final MemoryObjectStore store;
    private final CapacityEngine engine;
    private final ModelledIntakeQueue queue;
    private final LocalFunctions functions;
    private final StateMachineInterpreter interpreter;
    private final Map<String, Integer> memoryMb = new HashMap<>();
    private long transitions;
    private Instant lastEvent = START;

    private IntakeRun(IntakeScenario scenario, SamTemplate template, JsonNode definition, long seed) {
        this.scenario = scenario;
        var resources = new LocalResources(template);
        var stack = new StackSettings(template, resources);
        this.buckets = BucketNames.of(resources);
        this.fates = new FateLedger(buckets.landing());
        this.store = new MemoryObjectStore(time.asClock(), meter, fates);
        this.engine = new CapacityEngine(
                EngineProfile.of(scenario.engine(), stack), JobLength.DEFAULT, time, store, buckets.curated(), meter);
        this.queue = new ModelledIntakeQueue(ModelledIntakeQueue.Settings.of(stack), time, meter, this::batcher);
        var adapters = new LoadAdapters(store, launcher, queue, new JobEngines(List.of(engine)), time.asClock(), meter);
        this.functions = new LocalFunctions(template, new LoadSite(resources, adapters), datasetsConfig(scenario));
        Map<String, Duration> timeouts = new HashMap<>();
        for (String function : functions.names()) {
            timeouts.put(function, Duration.ofSeconds(stack.timeoutSeconds(function)));
            memoryMb.put(function, stack.memoryMb(function));
        }
        this.interpreter = new StateMachineInterpreter(
                definition, new MeteredTasks(functions, meter, time, timeouts), time, new Random(seed));
    }

    /** Runs {@code scenario} to its end: every file landed, every execution ended, the queue empty. */
    static ScenarioResult run(IntakeScenario scenario, long seed) {
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        long began = System.nanoTime();
        IntakeRun run = new IntakeRun(scenario, template, OrchestrationRun.pipelineDefinition(), seed);
        for (int i = 0; i < scenario.files(); i++) {
            int file = i;
            run.time.at(scenario.landing(START, i), () -> run.land(file));
        }
        run.time.run();
        return run.result(Duration.ofNanos(System.nanoTime() - began));
    }

    /** The orders dataset of config/datasets.json on the scenario's engine, batched or not. */
    private static Path datasetsConfig(IntakeScenario scenario) {
        try {
            ObjectNode config = (ObjectNode) JSON.readTree(
                    ProjectFiles.root().resolve("config/datasets.json").toFile());
            ObjectNode orders = (ObjectNode) config.path("datasets").path(DATASET);
            orders.put("engine", scenario.engine().name());
            if (!scenario.batched()) {
                orders.remove("batch");
            } else if (!orders.has("batch")) {
                throw new IllegalStateException("config/datasets.json gives orders no batch policy");
            }
            Path file = Files.createTempFile("intake-load-datasets", ".json");
            file.toFile().deleteOnExit();
            JSON.writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File {@code index} lands; EventBridge sends its Object Created event to the validate function. */
    private void land(int index) {
        String key = String.format(Locale.ROOT, "%s/2026/11/22/load-%05d.csv", DATASET, index);
        var stored = store.land(buckets.landing(), key, new SyntheticCsv(scenario.fileBytes()));
        fates.landed(key, time.now());
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", "load-" + index)
                .put("detail-type", "Object Created")
                .put("source", "aws.s3")
                .put("time", time.now().toString());
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", buckets.landing());
        detail.putObject("object").put("key", key).put("size", stored.size()).put("etag", stored.etag());
        Duration took = Duration.ofMillis(
                meter.invoke("ValidateFunction", () -> functions.invoke("ValidateFunction", bytes(event)))
                        .millis());
        launchStarted(took);
    }

    /** The intake mapping invokes the batcher; what it started runs once the invocation has ended. */
    private ModelledIntakeQueue.Invoked batcher(byte[] event) {
        byte[] answer;
        try {
            answer = meter.invoke("BatcherFunction", () -> functions.invoke("BatcherFunction", event))
                    .answer();
        } catch (RuntimeException failed) {
            answer = null;
        }
        Duration took = Duration.ofMillis(meter.lastMillis());
        launchStarted(took);
        return new ModelledIntakeQueue.Invoked(answer, took);
    }

    private void launchStarted(Duration after) {
        for (ExecutionLauncher.Started started : launcher.drain()) {
            JsonNode input = json(ExecutionInputJson.write(started.input()));
            time.after(after, () -> time.spawn(started.name(), () -> execute(started.name(), input)));
        }
    }

    private void execute(String name, JsonNode input) {
        Execution execution = interpreter.run(name, input);
        transitions += ExecutionCounts.of(execution.history()).stateTransitions();
        String end = execution.status() + (execution.error() == null ? "" : ":" + execution.error());
        executions.merge(end, 1, Integer::sum);
        lastEvent = time.now();
    }

    private ScenarioResult result(Duration wall) {
        Map<String, RequestMeter.FunctionUse> uses = meter.byFunction();
        return new ScenarioResult(
                scenario,
                fates.files(),
                engine.jobs(),
                fates.count(FateLedger.Fate.CURATED),
                fates.count(FateLedger.Fate.FAILED),
                fates.unsettled(),
                fates.curatedLatencies(),
                transitions,
                executions,
                uses,
                LoadCost.of(uses, memoryMb, transitions, engine.costUsd()),
                engine.refused(),
                queue.deliveries(),
                queue.deadLettered(),
                engine.meanInputBytes() / (1024 * 1024),
                engine.queuedSeconds() / 3600.0,
                Duration.between(START, lastEvent),
                wall);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.lake.FolderObjectStore;
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
import java.util.Random;

/**
 * The pipeline offline, from the same files the cloud uses: {@code template.yaml} (functions, their
 * EventBridge rules and the definition substitutions), {@code statemachine/pipeline.asl.json} on
 * the project's interpreter, the template's handlers in-process on local adapters, and the curate
 * job on local Spark. An event goes to the functions the template routes it to; the executions
 * they start are recorded, and run with {@link #execute}.
 */
public final class LocalPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalResources resources;
    private final LocalFunctions functions;
    private final LocalEventBus bus;
    private final RecordingExecutionStarter starter = new RecordingExecutionStarter();
    private final StateMachineInterpreter interpreter;

    public LocalPipeline(SamTemplate template, LocalLake lake, LocalSparkJob job) {
        this.resources = new LocalResources(template);
        Clock clock = Clock.systemUTC();
        var store = new FolderObjectStore(lake);
        List<JobEngine> engines = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            engines.add(new LocalSparkEngine(engine, lake, job, clock));
        }
        Path logs = lake.root().resolve("_logs");
        Map<Class<?>, Object> adapters = new HashMap<>();
        adapters.put(JobEngines.class, new JobEngines(engines));
        adapters.put(Clock.class, clock);
        adapters.put(Publisher.class, new Publisher(store, new LocalCatalog(lake), LocalLake.CURATED, false, clock));
        adapters.put(FailureRecorder.class, new FailureRecorder(store, LocalLake.QUARANTINE, clock));
        adapters.put(LandingValidator.class, new LandingValidator(store, starter, new LandingRules(DatasetCatalog.bundled()),
                new QuarantineWriter(store, resources.ref("QuarantineBucket"), "quarantine/",
                        Boolean.parseBoolean(resources.ref("DeleteSourceAfterQuarantine"))),
                new EventLog("validate", line -> append(logs, "functions.log", line), clock),
                new Metrics("SparkPipeline", "validate", line -> append(logs, "metrics.log", line), clock)));
        this.functions = new LocalFunctions(template, adapters);
        this.bus = new LocalEventBus(template, resources);
        try {
            JsonNode definition = JSON.readTree(resources.stateMachineDefinition());
            this.interpreter = new StateMachineInterpreter(definition, new LocalTasks(functions, lake), ExecutionClock.real(), new Random());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's functions, callable in-process. */
    public LocalFunctions functions() {
        return functions;
    }

    /** The functions the template's EventBridge rules send this event to. */
    public List<String> targets(JsonNode event) {
        return bus.targets(event);
    }

    /** The executions the functions have started so far, by name, in order. */
    public Map<String, ExecutionInput> started() {
        return starter.started();
    }

    /** Runs one execution of the pipeline's state machine to its end. */
    public Execution execute(String executionName, JsonNode input) {
        return interpreter.run(executionName, input);
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

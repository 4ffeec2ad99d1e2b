package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.lake.FolderObjectStore;
import dev.sparkpipeline.local.lake.LocalCatalog;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.spark.LocalSparkEngine;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline offline, from the same files the cloud uses: {@code template.yaml} (functions and
 * definition substitutions), {@code statemachine/pipeline.asl.json} on the project's interpreter,
 * the template's handlers in-process on local adapters, and the curate job on local Spark.
 */
public final class LocalPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    private static final String STACK = "spark-pipeline-local";

    private final SamTemplate template;
    private final StateMachineInterpreter interpreter;

    public LocalPipeline(SamTemplate template, LocalLake lake, String classPath) {
        this.template = template;
        Clock clock = Clock.systemUTC();
        var store = new FolderObjectStore(lake);
        var job = new LocalSparkJob(classPath);
        List<JobEngine> engines = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            engines.add(new LocalSparkEngine(engine, lake, job, clock));
        }
        Map<Class<?>, Object> adapters = new HashMap<>();
        adapters.put(JobEngines.class, new JobEngines(engines));
        adapters.put(Clock.class, clock);
        adapters.put(Publisher.class, new Publisher(store, new LocalCatalog(lake), LocalLake.CURATED, false, clock));
        adapters.put(FailureRecorder.class, new FailureRecorder(store, LocalLake.QUARANTINE, clock));
        var functions = new LocalFunctions(template, adapters);
        try {
            JsonNode definition = JSON.readTree(substituted(template.stateMachine()));
            this.interpreter = new StateMachineInterpreter(definition, new LocalTasks(functions, lake), ExecutionClock.real(), new Random());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one execution of the pipeline's state machine to its end. */
    public Execution execute(String executionName, JsonNode input) {
        return interpreter.run(executionName, input);
    }

    /** The definition with its placeholders resolved as CloudFormation would, to local names. */
    private String substituted(SamStateMachine stateMachine) {
        Map<String, String> values = new TreeMap<>();
        stateMachine.substitutions().forEach((name, value) -> values.put(name, resolve(value)));
        return stateMachine.substitute(values);
    }

    @SuppressWarnings("unchecked")
    private String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Map<String, Object> intrinsic = (Map<String, Object>) value;
        if (intrinsic.containsKey("Ref")) {
            return ref(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::Sub")) {
            Object sub = intrinsic.get("Fn::Sub");
            String text = sub instanceof String s ? s : String.valueOf(((List<Object>) sub).get(0));
            Matcher matcher = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(ref(matcher.group(1))));
            }
            return matcher.appendTail(out).toString();
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            return "local-" + String.join("-", (List<String>) intrinsic.get("Fn::GetAtt"));
        }
        throw new IllegalStateException("the local runner cannot resolve " + value);
    }

    /** A Ref: a parameter's default, a function alias's ARN, a bucket's local name, or a local name. */
    @SuppressWarnings("unchecked")
    private String ref(String name) {
        if (name.equals("AWS::StackName")) {
            return STACK;
        }
        if (name.startsWith("AWS::")) {
            return name.equals("AWS::Region") ? "local" : name.equals("AWS::AccountId") ? "000000000000" : "aws";
        }
        if (name.endsWith(".Alias")) {
            return "arn:aws:lambda:local:000000000000:function:" + name.substring(0, name.length() - ".Alias".length()) + ":live";
        }
        Map<String, Object> parameters = (Map<String, Object>) template.root().getOrDefault("Parameters", Map.of());
        if (parameters.containsKey(name)) {
            Object fallback = ((Map<String, Object>) parameters.get(name)).get("Default");
            return fallback == null ? "" : String.valueOf(fallback);
        }
        Map<String, Object> resource = template.resources().get(name);
        if (resource != null && "AWS::S3::Bucket".equals(resource.get("Type"))) {
            // LandingBucket -> landing-bucket: the lake's folder names.
            return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        }
        return "local-" + name;
    }
}

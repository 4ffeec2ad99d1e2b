package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.local.runner.ExecutionLedger;
import dev.sparkpipeline.local.runner.LakeAdapters;
import dev.sparkpipeline.local.runner.LakeIntegrations;
import dev.sparkpipeline.local.runner.LakeSite;
import dev.sparkpipeline.local.runner.LocalFunctions;
import dev.sparkpipeline.local.runner.LocalTasks;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * One execution of the pipeline's state machine, on the interpreter with a virtual clock, for a
 * job that runs for a given time: the template's submit and track functions in-process against
 * a {@link SimulatedEngine}, publishing answered at once. What it cost is read from the history.
 *
 * @param jobLength        how long the job ran
 * @param stateTransitions states entered plus retries (what Step Functions bills)
 * @param lambdaInvokes    Lambda invocations, retries included
 * @param engineCalls      StartJobRun and GetJobRun calls
 * @param historyEvents    history events, counted as Step Functions records them
 * @param detectionDelay   from the job's end to the execution leaving the polling loop
 * @param status           how the execution ended
 */
record OrchestrationRun(
        Duration jobLength,
        int stateTransitions,
        int lambdaInvokes,
        int engineCalls,
        int historyEvents,
        Duration detectionDelay,
        String status) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    /** The pipeline's definition as the template deploys it, with local names. */
    static JsonNode pipelineDefinition() {
        try {
            return JSON.readTree(
                    new LocalResources(SamTemplate.read(ProjectFiles.template())).stateMachineDefinition());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same definition polling every 30 seconds: the loop people usually write. */
    static JsonNode fixedThirtySecondLoop() {
        ObjectNode definition = (ObjectNode) pipelineDefinition();
        ObjectNode wait = (ObjectNode) definition.path("States").path("WaitForJob");
        wait.remove("SecondsPath");
        wait.put("Seconds", 30);
        var rules = (com.fasterxml.jackson.databind.node.ArrayNode)
                definition.path("States").path("JobState").path("Choices");
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).path("Next").asText().equals("WatchJob")) {
                rules.remove(i);
            }
        }
        return definition;
    }

    /** Runs one execution of {@code definition} for a job of {@code jobLength}. */
    /** The input check's answer for the simulated source, which is in no lake. */
    private static JsonNode verified() {
        return JSON.createObjectNode()
                .put("StatusCode", 200)
                .set("Payload", JSON.createObjectNode().put("valid", true));
    }

    static OrchestrationRun measure(JsonNode definition, Duration jobLength, long seed) {
        ExecutionClock time = ExecutionClock.virtual(START);
        Clock clock = time.asClock();
        var engine = new SimulatedEngine(clock, jobLength);
        Path lakeDir;
        try {
            lakeDir = Files.createTempDirectory("orchestration-cost");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        var lake = new LocalLake(lakeDir);
        var adapters = new LakeAdapters(
                lake,
                new JobEngines(List.of(engine)),
                new RecordingExecutionStarter(ExecutionLedger.of(lakeDir)),
                clock);
        var functions = new LocalFunctions(template, new LakeSite(new LocalResources(template), lake, adapters), null);
        var tasks = new LocalTasks(functions, new LakeIntegrations(lake));
        UnaryOperator<JsonNode> published = parameters -> JSON.createObjectNode()
                .put("StatusCode", 200)
                .set("Payload", JSON.createObjectNode().put("table", "orders").put("rows", 4));
        var interpreter = new StateMachineInterpreter(
                definition,
                (resource, parameters) ->
                        parameters.path("FunctionName").asText().contains("PublishFunction")
                                ? published.apply(parameters)
                                : parameters.path("FunctionName").asText().contains("VerifyInputFunction")
                                        ? verified()
                                        : tasks.run(resource, parameters),
                time,
                new Random(seed));

        ObjectNode input = JSON.createObjectNode().put("dataset", "orders").put("engine", "EMR_SERVERLESS");
        input.putObject("source")
                .put("bucket", "landing-bucket")
                .put("key", "orders/2026/11/22/orders.csv")
                .put("size", 1024);
        input.putObject("job").put("timeoutMinutes", (int) Math.min(10080, jobLength.toMinutes() + 60));
        Execution execution = interpreter.run("cost", input);

        ExecutionCounts counts = ExecutionCounts.of(execution.history());
        return new OrchestrationRun(
                jobLength,
                counts.stateTransitions(),
                counts.lambdaInvokes(),
                engine.apiCalls(),
                counts.historyEvents(),
                detectionDelay(execution.history(), engine),
                execution.status());
    }

    private static Duration detectionDelay(List<HistoryEvent> history, SimulatedEngine engine) {
        return history.stream()
                .filter(event -> event.type() == HistoryEvent.Type.STATE_ENTERED
                        && event.state().equals("TerminateClusterAfterJob?"))
                .findFirst()
                .map(event -> Duration.ofSeconds(event.at().getEpochSecond() - engine.jobEndsAt()))
                .orElse(null);
    }
}

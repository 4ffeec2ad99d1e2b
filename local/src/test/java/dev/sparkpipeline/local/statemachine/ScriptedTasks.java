package dev.sparkpipeline.local.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.asl.TaskRunner;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Task resources for the local interpreter, answered as a scenario scripts them: Lambda results in
 * call order (the shapes of {@link PipelineScenario#lambda()}), EMR, SNS and EventBridge as local
 * stand-ins that may be scripted to fail. The same scripts drive {@link MotoStepFunctions}.
 */
public final class ScriptedTasks implements TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<JsonNode>> lambda = new HashMap<>();
    private final Map<String, Deque<JsonNode>> aws = new HashMap<>();
    private final Map<String, String> clusters = new LinkedHashMap<>();

    public ScriptedTasks(JsonNode lambdaScript, JsonNode awsScript) {
        lambdaScript.fields().forEachRemaining(f -> lambda.put(f.getKey(), queue(f.getValue())));
        awsScript.fields().forEachRemaining(f -> aws.put(f.getKey(), queue(f.getValue())));
    }

    /**
     * Runs {@code definition} on the local interpreter with these tasks, on a virtual clock from
     * 2026-11-22T08:00Z and a seeded random (for Retry jitter): the same script gives the same run.
     */
    public Execution execute(String name, JsonNode definition, JsonNode input) {
        return new StateMachineInterpreter(
                        definition, this, ExecutionClock.virtual(Instant.parse("2026-11-22T08:00:00Z")), new Random(7))
                .run(name, input);
    }

    /** The integration scripts with results left over: a script the run never reached proves nothing. */
    List<String> unusedAwsScripts() {
        return aws.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The EMR clusters created, by id, with their last state. */
    Map<String, String> clusters() {
        return clusters;
    }

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        return switch (resource) {
            case "arn:aws:states:::lambda:invoke" ->
                invoke(parameters.path("FunctionName").asText());
            case "arn:aws:states:::aws-sdk:emr:runJobFlow" -> {
                JsonNode scripted = failIfScripted("emr:RunJobFlow", "Emr");
                String id = "j-LOCAL" + (clusters.size() + 1);
                clusters.put(id, "STARTING");
                yield scripted != null ? scripted : JSON.createObjectNode().put("JobFlowId", id);
            }
            case "arn:aws:states:::aws-sdk:emr:terminateJobFlows" -> {
                failIfScripted("emr:TerminateJobFlows", "Emr");
                parameters.path("JobFlowIds").forEach(id -> clusters.put(id.asText(), "TERMINATED"));
                yield JSON.createObjectNode();
            }
            case "arn:aws:states:::sns:publish" -> {
                failIfScripted("sns:Publish", "SNS");
                yield JSON.createObjectNode().put("MessageId", "local-message");
            }
            case "arn:aws:states:::events:putEvents" -> {
                failIfScripted("events:PutEvents", "EventBridge");
                ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
                answer.putArray("Entries").addObject().put("EventId", "local-event");
                yield answer;
            }
            default -> throw new StatesError("States.Runtime", "no local stand-in for " + resource);
        };
    }

    private JsonNode invoke(String functionName) {
        String function = lambda.keySet().stream()
                .filter(functionName::contains)
                .findFirst()
                .orElseThrow(() ->
                        new StatesError("Lambda.ResourceNotFoundException", "the scenario scripts no " + functionName));
        JsonNode result = lambda.get(function).poll();
        if (result == null) {
            throw new StatesError("ScenarioExhausted", "the scenario scripts no more results for " + function);
        }
        if (result.has("functionError")) {
            JsonNode error = result.path("functionError");
            throw new StatesError(
                    error.path("errorType").asText(), unhandledError(error).toString());
        }
        if (result.has("serviceError")) {
            JsonNode error = result.path("serviceError");
            throw new StatesError(
                    "Lambda." + error.path("code").asText(),
                    error.path("message").asText());
        }
        ObjectNode answer = JSON.createObjectNode().put("StatusCode", 200).put("ExecutedVersion", "1");
        answer.set("Payload", result.path("payload"));
        return answer;
    }

    /**
     * A scripted operation answers from its script, in order, and fails once the script is spent,
     * as moto's proxy answers {@code ScenarioExhausted}: a call the scenario did not foresee is an
     * error, never a silent success. An operation the scenario does not script succeeds. A
     * scripted {@code answer} is returned as the service's answer (null: the stand-in's own).
     */
    private JsonNode failIfScripted(String operation, String service) {
        Deque<JsonNode> results = aws.get(operation);
        if (results == null) {
            return null;
        }
        JsonNode result = results.poll();
        if (result == null) {
            throw new StatesError(service + ".ScenarioExhausted", "the script has no more results for " + operation);
        }
        if (result.has("serviceError")) {
            JsonNode error = result.path("serviceError");
            throw new StatesError(
                    service + "." + error.path("code").asText(),
                    error.path("message").asText());
        }
        return result.has("answer") ? result.path("answer") : null;
    }

    /**
     * The body Lambda answers for a scripted {@code functionError} (an unhandled exception of the
     * function), which Step Functions passes on as the error's cause: moto's proxy answers it too.
     */
    static ObjectNode unhandledError(JsonNode functionError) {
        ObjectNode body = JSON.createObjectNode()
                .put("errorMessage", functionError.path("errorMessage").asText())
                .put("errorType", functionError.path("errorType").asText());
        body.putArray("stackTrace");
        return body;
    }

    private static Deque<JsonNode> queue(JsonNode results) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        for (Iterator<JsonNode> it = results.elements(); it.hasNext(); ) {
            queue.add(it.next());
        }
        return queue;
    }
}

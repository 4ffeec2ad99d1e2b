package dev.sparkpipeline.local.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same scenarios as {@link MotoInterpreterScenarioTest}, on the project's own interpreter with a
 * virtual clock: each must take the same path and end the same way as on moto's.
 */
class LocalInterpreterScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyScenarioTakesTheSamePathOnTheLocalInterpreter() throws Exception {
        SamStateMachine stateMachine = SamTemplate.read(ProjectFiles.template()).stateMachine();
        JsonNode definition = JSON.readTree(stateMachine.substitute(
                PipelineScenario.substitutions(stateMachine, "arn:aws:sns:us-east-1:123456789012:failures")));
        return PipelineScenario.all(ProjectFiles.root().resolve("statemachine/scenarios")).stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> run(definition, scenario)));
    }

    private static void run(JsonNode definition, PipelineScenario scenario) {
        var tasks = new ScriptedTasks(scenario);
        var interpreter = new StateMachineInterpreter(definition, tasks,
                ExecutionClock.virtual(Instant.parse("2026-11-22T08:00:00Z")), new Random(7));

        Execution execution = interpreter.run("scenario", scenario.input());

        assertThat(execution.statesEntered()).as("states entered in %s (%s %s %s)", scenario.name(),
                execution.status(), execution.error(), execution.cause()).containsExactlyElementsOf(scenario.expectedPath());
        assertThat(execution.status()).isEqualTo(scenario.expect().path("status").asText());
        if (scenario.expect().has("error")) {
            assertThat(execution.error()).isEqualTo(scenario.expect().path("error").asText());
        }
        if (scenario.expect().has("cause")) {
            assertThat(execution.cause()).contains(scenario.expect().path("cause").asText());
        }
        if (scenario.expect().path("clusterTerminated").asBoolean(false)) {
            assertThat(tasks.clusters).isNotEmpty().allSatisfy((id, state) -> assertThat(state).isEqualTo("TERMINATED"));
        }
    }

    /** Lambda results from the scenario in order; EMR, SNS and EventBridge as local stand-ins. */
    private static final class ScriptedTasks implements TaskRunner {
        private final Map<String, Deque<JsonNode>> lambda = new HashMap<>();
        private final Map<String, Deque<JsonNode>> aws = new HashMap<>();
        final Map<String, String> clusters = new LinkedHashMap<>();

        ScriptedTasks(PipelineScenario scenario) {
            scenario.lambda().fields().forEachRemaining(f -> lambda.put(f.getKey(), queue(f.getValue())));
            scenario.aws().fields().forEachRemaining(f -> aws.put(f.getKey(), queue(f.getValue())));
        }

        @Override
        public JsonNode run(String resource, JsonNode parameters) {
            switch (resource) {
                case "arn:aws:states:::lambda:invoke":
                    return invoke(parameters.path("FunctionName").asText(), parameters.path("Payload"));
                case "arn:aws:states:::aws-sdk:emr:runJobFlow": {
                    failIfScripted("emr:RunJobFlow");
                    String id = "j-LOCAL" + (clusters.size() + 1);
                    clusters.put(id, "STARTING");
                    return JSON.createObjectNode().put("JobFlowId", id);
                }
                case "arn:aws:states:::aws-sdk:emr:terminateJobFlows":
                    parameters.path("JobFlowIds").forEach(id -> clusters.put(id.asText(), "TERMINATED"));
                    return JSON.createObjectNode();
                case "arn:aws:states:::sns:publish":
                    return JSON.createObjectNode().put("MessageId", "local-message");
                case "arn:aws:states:::events:putEvents":
                    ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
                    answer.putArray("Entries").addObject().put("EventId", "local-event");
                    return answer;
                default:
                    throw new StatesError("States.Runtime", "no local stand-in for " + resource);
            }
        }

        private JsonNode invoke(String functionName, JsonNode payload) {
            String function = lambda.keySet().stream().filter(functionName::contains).findFirst()
                    .orElseThrow(() -> new StatesError("Lambda.ResourceNotFoundException", "the scenario scripts no " + functionName));
            JsonNode result = lambda.get(function).poll();
            if (result == null) {
                throw new StatesError("ScenarioExhausted", "the scenario scripts no more results for " + function);
            }
            if (result.has("functionError")) {
                JsonNode error = result.path("functionError");
                ObjectNode cause = JSON.createObjectNode().put("errorMessage", error.path("errorMessage").asText())
                        .put("errorType", error.path("errorType").asText());
                cause.putArray("stackTrace");
                throw new StatesError(error.path("errorType").asText(), cause.toString());
            }
            if (result.has("serviceError")) {
                JsonNode error = result.path("serviceError");
                throw new StatesError("Lambda." + error.path("code").asText(), error.path("message").asText());
            }
            ObjectNode answer = JSON.createObjectNode().put("StatusCode", 200).put("ExecutedVersion", "1");
            answer.set("Payload", result.path("payload"));
            return answer;
        }

        private void failIfScripted(String operation) {
            Deque<JsonNode> results = aws.get(operation);
            JsonNode result = results == null ? null : results.poll();
            if (result != null && result.has("serviceError")) {
                JsonNode error = result.path("serviceError");
                throw new StatesError("Emr." + error.path("code").asText(), error.path("message").asText());
            }
        }

        private static Deque<JsonNode> queue(JsonNode results) {
            Deque<JsonNode> queue = new ArrayDeque<>();
            for (Iterator<JsonNode> it = results.elements(); it.hasNext(); ) {
                queue.add(it.next());
            }
            return queue;
        }
    }
}

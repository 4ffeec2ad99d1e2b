package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A definition check: no function's answer, whatever its shape, can make a ResultSelector, a
 * SecondsPath, a Choice variable or a {@code .$} parameter raise {@code States.Runtime}, which no
 * Catch takes. Each Lambda answer of the scenarios that reach every task is replaced, one at a
 * time, by each malformed shape below; the execution must end by a path the definition chose: a
 * malformed submit or tracker answer takes the failure path (recorded, notified; the job
 * cancelled when it may run), any other keeps its documented fallback.
 */
class MalformedAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCENARIOS = List.of(
            "happy-emr-serverless",
            "happy-emr",
            "long-job-watched",
            "job-fails-glue",
            "job-timeout-cancel",
            "submit-refused-for-capacity-then-admitted");

    @TestFactory
    Stream<DynamicTest> noAnswerOfTheWrongShapeRaisesAnUncatchableError() throws Exception {
        JsonNode definition = JSON.readTree(PipelineScenario.deployedDefinition(PipelineScenario.FAILURES_TOPIC));
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : SCENARIOS) {
            PipelineScenario scenario =
                    PipelineScenario.read(ProjectFiles.root().resolve("statemachine/scenarios/" + name + ".json"));
            scenario.lambda().fields().forEachRemaining(function -> {
                for (int call = 0; call < function.getValue().size(); call++) {
                    for (JsonNode shape : shapes()) {
                        int index = call;
                        tests.add(DynamicTest.dynamicTest(
                                name + ": " + function.getKey() + " answer " + (call + 1) + " = " + shape,
                                () -> functionAnswers(definition, scenario, function.getKey(), index, shape)));
                    }
                }
            });
        }
        PipelineScenario emr =
                PipelineScenario.read(ProjectFiles.root().resolve("statemachine/scenarios/happy-emr.json"));
        for (JsonNode shape : shapes()) {
            tests.add(DynamicTest.dynamicTest(
                    "happy-emr: runJobFlow answer = " + shape, () -> runJobFlowAnswers(definition, emr, shape)));
        }
        ObjectNode wrongId = JSON.createObjectNode().put("JobFlowId", 7);
        tests.add(DynamicTest.dynamicTest(
                "happy-emr: runJobFlow answer = " + wrongId, () -> runJobFlowAnswers(definition, emr, wrongId)));
        return tests.stream();
    }

    /** An AWS SDK integration's answer of the wrong shape: the state machine reads runJobFlow's too. */
    private static void runJobFlowAnswers(JsonNode definition, PipelineScenario scenario, JsonNode shape) {
        ObjectNode aws = JSON.createObjectNode();
        aws.putArray("emr:RunJobFlow").addObject().set("answer", shape);
        Execution execution = new ScriptedTasks(withFallbacks(scenario.lambda().deepCopy()), aws)
                .execute("malformed", definition, scenario.input());

        String summary = summary(execution);
        assertThat(execution.error()).as(summary).isEqualTo("ClusterFailed");
        assertThat(execution.statesEntered())
                .as(summary)
                .contains("RecordFailure", "NotifyFailure")
                .doesNotContain("SubmitJob");
    }

    /** How the execution ended and where it went, for the assertions' messages. */
    private static String summary(Execution execution) {
        return execution.status() + " " + execution.error() + " " + execution.cause() + " " + execution.statesEntered();
    }

    private static void functionAnswers(
            JsonNode definition, PipelineScenario scenario, String function, int call, JsonNode shape) {
        ObjectNode lambda = withFallbacks(scenario.lambda().deepCopy());
        ((ObjectNode) lambda.path(function).path(call)).set("payload", shape);
        Execution execution =
                new ScriptedTasks(lambda, scenario.aws()).execute("malformed", definition, scenario.input());

        String summary = summary(execution);
        assertThat(execution.error()).as(summary).isNotEqualTo("States.Runtime");
        if (function.equals("VerifyInputFunction")) {
            assertThat(execution.error())
                    .as("an input check without a verdict starts nothing: " + summary)
                    .isEqualTo("InvalidInput");
            assertThat(execution.statesEntered()).as(summary).doesNotContain("RouteByEngine");
        }
        if (function.equals("SubmitJobFunction")) {
            assertThat(execution.error()).as(summary).isEqualTo("SubmitFailed");
        }
        if (function.equals("TrackJobFunction")) {
            assertThat(execution.error()).as(summary).isEqualTo("TrackerFailed");
            assertThat(execution.statesEntered())
                    .as("a job that may run is cancelled: " + summary)
                    .contains("CancelJob");
        }
        if (function.equals("SubmitJobFunction") || function.equals("TrackJobFunction")) {
            assertThat(execution.statesEntered()).as(summary).contains("RecordFailure", "NotifyFailure");
        }
    }

    /** The failure path's functions answer as they do when all is well, so a changed path meets a script. */
    private static ObjectNode withFallbacks(ObjectNode lambda) {
        if (!lambda.has("CancelJobFunction")) {
            lambda.putArray("CancelJobFunction")
                    .addObject()
                    .putObject("payload")
                    .put("cancelled", true);
        }
        if (!lambda.has("RecordFailureFunction")) {
            lambda.putArray("RecordFailureFunction")
                    .addObject()
                    .putObject("payload")
                    .put("failedUri", "s3://quarantine-bucket/failed/x")
                    .put("reasonUri", "s3://quarantine-bucket/failed/x.reason.json");
        }
        return lambda;
    }

    /** Answers a function of ours never gives, each wrong in another way. */
    private static List<JsonNode> shapes() {
        List<JsonNode> shapes = new ArrayList<>();
        shapes.add(JSON.createObjectNode());
        shapes.add(JSON.createArrayNode());
        shapes.add(JSON.getNodeFactory().textNode("done"));
        shapes.add(JSON.getNodeFactory().nullNode());
        shapes.add(JSON.getNodeFactory().numberNode(42));
        ObjectNode empty = JSON.createObjectNode();
        empty.putObject("handle");
        empty.putObject("status");
        shapes.add(empty);
        ObjectNode wrongTypes = JSON.createObjectNode();
        wrongTypes.putObject("handle").put("engine", 7).put("jobId", true);
        wrongTypes.putObject("status").put("state", 7).put("timedOut", "no").put("nextPollSeconds", -5);
        shapes.add(wrongTypes);
        ObjectNode noStatus = JSON.createObjectNode();
        noStatus.putObject("handle")
                .put("engine", "GLUE")
                .put("jobId", "jr")
                .put("containerId", "c")
                .put("runId", "r")
                .put("submittedAt", 1)
                .put("deadlineAt", 2);
        ArrayNode list = noStatus.putArray("status");
        list.add(1);
        shapes.add(noStatus);
        // A refusal for capacity (no handle, QUEUED) that says neither when to ask again nor, held, why.
        ObjectNode refusalWithoutAWait = JSON.createObjectNode().putNull("handle");
        refusalWithoutAWait.putObject("status").put("state", "QUEUED").put("nextPollSeconds", "soon");
        shapes.add(refusalWithoutAWait);
        ObjectNode heldWithoutAReason = JSON.createObjectNode().putNull("handle");
        heldWithoutAReason
                .putObject("status")
                .put("state", "QUEUED")
                .put("timedOut", true)
                .putObject("failureReason");
        shapes.add(heldWithoutAReason);
        return shapes;
    }
}

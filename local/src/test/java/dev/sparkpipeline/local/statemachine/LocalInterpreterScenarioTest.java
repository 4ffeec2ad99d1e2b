package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.ExecutionClock;
import dev.sparkpipeline.local.asl.StateMachineInterpreter;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
        var tasks = new ScriptedTasks(scenario.lambda(), scenario.aws());
        var interpreter = new StateMachineInterpreter(
                definition, tasks, ExecutionClock.virtual(Instant.parse("2026-11-22T08:00:00Z")), new Random(7));

        Execution execution = interpreter.run("scenario", scenario.input());

        assertThat(execution.statesEntered())
                .as(
                        "states entered in %s (%s %s %s)",
                        scenario.name(), execution.status(), execution.error(), execution.cause())
                .containsExactlyElementsOf(scenario.expectedPath());
        assertThat(execution.status())
                .isEqualTo(scenario.expect().path("status").asText());
        if (scenario.expect().has("error")) {
            assertThat(execution.error())
                    .isEqualTo(scenario.expect().path("error").asText());
        }
        if (scenario.expect().has("cause")) {
            assertThat(execution.cause())
                    .contains(scenario.expect().path("cause").asText());
        }
        assertThat(tasks.unusedAwsScripts())
                .as("integration scripts not served in full")
                .isEmpty();
        if (scenario.expect().path("clusterTerminated").asBoolean(false)) {
            assertThat(tasks.clusters())
                    .isNotEmpty()
                    .allSatisfy((id, state) -> assertThat(state).isEqualTo("TERMINATED"));
        }
    }
}

package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.checks.ProjectFiles;
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
        JsonNode definition = JSON.readTree(PipelineScenario.deployedDefinition(PipelineScenario.FAILURES_TOPIC));
        return PipelineScenario.all(ProjectFiles.root().resolve("statemachine/scenarios")).stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> run(definition, scenario)));
    }

    private static void run(JsonNode definition, PipelineScenario scenario) {
        var tasks = new ScriptedTasks(scenario.lambda(), scenario.aws());

        Execution execution = tasks.execute("scenario", definition, scenario.input());

        scenario.assertEndedAsExpected(
                execution.statesEntered(), execution.status(), execution.error(), execution.cause());
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

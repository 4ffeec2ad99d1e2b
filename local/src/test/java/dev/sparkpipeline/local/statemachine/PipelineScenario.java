package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One state machine scenario of {@code statemachine/scenarios/}: an execution input, the results
 * each Lambda function (and, where needed, each AWS SDK integration) gives in order, and what
 * must happen. The same files drive moto's interpreter and the local one, so both must take the
 * same path and end the same way.
 *
 * @param name        the file name without .json
 * @param description what the scenario shows
 * @param input       the execution input
 * @param lambda      function logical id to its results in call order: {@code {"payload": ...}},
 *                    {@code {"functionError": {"errorType", "errorMessage"}}} or
 *                    {@code {"serviceError": {"status", "code", "message"}}} (the Lambda API failing)
 * @param aws         {@code "service:Operation"} to its results in call order (only {@code serviceError}),
 *                    for integrations that must fail; others run on the emulator
 * @param expect      {@code status}, {@code path} (states entered, in order), and optionally
 *                    {@code error}, {@code cause} (a substring), {@code clusterTerminated}
 */
public record PipelineScenario(
        String name, String description, JsonNode input, JsonNode lambda, JsonNode aws, JsonNode expect) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    /** A failures topic for runs with no SNS of their own: the local stand-ins publish to any. */
    public static final String FAILURES_TOPIC = "arn:aws:sns:us-east-1:" + ACCOUNT + ":failures";

    public static PipelineScenario read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return new PipelineScenario(
                    name,
                    root.path("description").asText(),
                    root.path("input"),
                    root.path("lambda"),
                    root.path("aws"),
                    root.path("expect"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    public static List<PipelineScenario> all(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .map(PipelineScenario::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's state machine definition as the deployed stack has it, failures going to {@code topicArn}. */
    public static String deployedDefinition(String topicArn) {
        SamStateMachine stateMachine = SamTemplate.read(ProjectFiles.template()).stateMachine();
        return stateMachine.substitute(substitutions(stateMachine, topicArn));
    }

    /** What CloudFormation would put in the definition: function aliases, role names, the topic. */
    public static Map<String, String> substitutions(SamStateMachine stateMachine, String topicArn) {
        Map<String, String> values = new TreeMap<>();
        for (String name : stateMachine.substitutions().keySet()) {
            String value;
            if (name.endsWith("FunctionArn")) {
                value = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name.replace("Arn", "") + ":live";
            } else {
                value = switch (name) {
                    case "FailureTopicArn" -> topicArn;
                    case "EmrReleaseLabel" -> "emr-7.9.0";
                    case "EmrServiceRoleName" -> "EMR_DefaultRole";
                    case "EmrInstanceProfileName" -> "EMR_EC2_DefaultRole";
                    case "EmrSubnetId" -> "subnet-0123456789abcdef0";
                    case "EmrLogUri" -> "s3://artifacts-bucket/logs/emr/";
                    case "StackName" -> "spark-pipeline";
                    case "LivyPrimarySecurityGroupIds" -> "";
                    default -> throw new IllegalStateException("no sample value for ${" + name + "}");
                };
            }
            values.put(name, value);
        }
        return values;
    }

    /**
     * Fails unless an execution of this scenario, on either interpreter, entered the states expected
     * in order and ended with the status expected, and the error and a cause containing the one
     * expected where the scenario gives them.
     */
    public void assertEndedAsExpected(List<String> statesEntered, String status, String error, String cause) {
        assertThat(statesEntered)
                .as("states entered in %s (execution %s, error %s, cause %s)", name, status, error, cause)
                .containsExactlyElementsOf(expectedPath());
        assertThat(status).isEqualTo(expect.path("status").asText());
        if (expect.has("error")) {
            assertThat(error).isEqualTo(expect.path("error").asText());
        }
        if (expect.has("cause")) {
            assertThat(cause).contains(expect.path("cause").asText());
        }
    }

    public List<String> expectedPath() {
        List<String> path = new ArrayList<>();
        expect.path("path").forEach(state -> path.add(state.asText()));
        return path;
    }
}

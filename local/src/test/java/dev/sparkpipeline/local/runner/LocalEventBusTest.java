package dev.sparkpipeline.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events reach the functions whose EventBridge rules in the template match them, as EventBridge matches. */
class LocalEventBusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamTemplate template = SamTemplate.read(ProjectFiles.template());
    private final LocalEventBus bus = new LocalEventBus(template, new LocalResources(template));

    @Test
    void anObjectCreatedInTheLandingBucketGoesToTheValidateFunction() throws IOException {
        JsonNode event = fixture("eventbridge-object-created.json");

        assertThat(bus.targets(event)).containsExactly("ValidateFunction");
    }

    @Test
    void anObjectCreatedInAnotherBucketGoesNowhere() throws IOException {
        ObjectNode event = (ObjectNode) fixture("eventbridge-object-created.json");
        ((ObjectNode) event.path("detail").path("bucket")).put("name", "curated-bucket");

        assertThat(bus.targets(event)).isEmpty();
    }

    @Test
    void aTimedOutExecutionOfThePipelineGoesToTheReconciler() throws IOException {
        ObjectNode event = (ObjectNode) fixture("execution-timed-out.json");
        ((ObjectNode) event.path("detail")).put("stateMachineArn", "local-PipelineStateMachine");

        assertThat(bus.targets(event)).containsExactly("ReconcileFunction");
    }

    @Test
    void aSucceededExecutionGoesNowhere() throws IOException {
        ObjectNode event = (ObjectNode) fixture("execution-timed-out.json");
        ((ObjectNode) event.path("detail"))
                .put("stateMachineArn", "local-PipelineStateMachine")
                .put("status", "SUCCEEDED");

        assertThat(bus.targets(event)).isEmpty();
    }

    @Test
    void patternsMatchPrefixSuffixExistsAnythingButNumbersAndArrays(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("template.yaml");
        Files.writeString(file, """
                Resources:
                  Rules:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Events:
                        Csv:
                          Type: EventBridgeRule
                          Properties:
                            Pattern:
                              detail:
                                key: [{prefix: orders/}]
                                name: [{suffix: .csv}]
                                size: [0, 10]
                                reason: [{anything-but: [Copy, Delete]}]
                                tags: [pii]
                                version: [{exists: false}]
                """);
        SamTemplate small = SamTemplate.read(file);
        var rules = new LocalEventBus(small, new LocalResources(small));

        assertThat(rules.targets(detail("orders/a.csv", "a.csv", 10, "Put", "\"pii\"")))
                .containsExactly("Rules");
        assertThat(rules.targets(detail("orders/a.csv", "a.csv", 10.0, "Put", "\"public\", \"pii\"")))
                .containsExactly("Rules");
        assertThat(rules.targets(detail("customers/a.csv", "a.csv", 10, "Put", "\"pii\"")))
                .isEmpty();
        assertThat(rules.targets(detail("orders/a.json", "a.json", 10, "Put", "\"pii\"")))
                .isEmpty();
        assertThat(rules.targets(detail("orders/a.csv", "a.csv", 11, "Put", "\"pii\"")))
                .isEmpty();
        assertThat(rules.targets(detail("orders/a.csv", "a.csv", 10, "Copy", "\"pii\"")))
                .isEmpty();
        assertThat(rules.targets(detail("orders/a.csv", "a.csv", 10, "Put", "\"public\"")))
                .isEmpty();
        ObjectNode versioned = (ObjectNode) detail("orders/a.csv", "a.csv", 10, "Put", "\"pii\"");
        ((ObjectNode) versioned.path("detail")).put("version", "2");
        assertThat(rules.targets(versioned)).isEmpty();
    }

    private static JsonNode detail(String key, String name, Number size, String reason, String tags)
            throws IOException {
        return JSON.readTree("""
                {"detail": {"key": "%s", "name": "%s", "size": %s, "reason": "%s", "tags": [%s]}}""".formatted(key, name, size, reason, tags));
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(ProjectFiles.root().resolve("events").resolve(name).toFile());
    }
}

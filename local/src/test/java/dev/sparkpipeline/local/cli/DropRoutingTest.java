package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drop} goes where the template's EventBridge rules send the "Object Created" event, and
 * reports it when they send it nowhere or the function there fails. Each test runs a copy of the
 * template, changed in one place, next to a copy of its state machine. A landed file whose
 * function failed stays in the landing bucket: on AWS, the asynchronous invocation's retries and
 * the dead-letter queue hold its event.
 */
class DropRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aTemplateWithNoRuleForTheLandingBucketFailsWithNoTarget() throws IOException {
        Path template = templateWith("source: [aws.s3]", "source: [aws.nowhere]");

        CliRun run = drop(template);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").asText()).isEqualTo("NoTarget");
        assertThat(result.path("cause").asText()).contains("EventBridge rule", "landing-bucket");
    }

    @Test
    void aFunctionThatFailsOnTheEventFailsTheDropWithItsErrorAndStartsNothing() throws IOException {
        // The landing rule's target takes a handler that cannot read an Object Created event.
        Path template = templateWith(
                "Handler: dev.sparkpipeline.validate.ValidateObjectHandler::handleRequest",
                "Handler: dev.sparkpipeline.recordfailure.RecordFailureHandler::handleRequest");

        CliRun run = drop(template);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("error").asText()).isEqualTo("dev.sparkpipeline.core.error.InvalidInput");
        assertThat(result.path("cause").asText()).doesNotContain("\tat ");
        assertThat(result.path("states").findValuesAsText("name")).containsExactly("ValidateFunction");
        assertThat(result.path("states").findValuesAsText("status")).containsExactly("FAILED");
        assertThat(work.resolve("lake/landing-bucket"))
                .as("the file stays where it landed")
                .isDirectory();
    }

    /** A copy of the template with {@code original} replaced (it must occur), beside its state machine. */
    private Path templateWith(String original, String replacement) throws IOException {
        String text = Files.readString(ProjectFiles.template());
        assertThat(text).contains(original);
        Path template = work.resolve("template.yaml");
        Files.writeString(template, text.replace(original, replacement));
        Path definition = work.resolve("statemachine/pipeline.asl.json");
        Files.createDirectories(definition.getParent());
        Files.copy(ProjectFiles.root().resolve("statemachine/pipeline.asl.json"), definition);
        return template;
    }

    private CliRun drop(Path template) {
        return CliRun.of(
                "drop",
                ProjectFiles.root().resolve("events/data/orders.csv").toString(),
                "--template",
                template.toString(),
                "--lake",
                work.resolve("lake").toString(),
                "--json");
    }
}

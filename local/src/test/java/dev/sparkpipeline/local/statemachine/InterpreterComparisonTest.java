package dev.sparkpipeline.local.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.checks.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The project's interpreter against moto's on small definitions of {@code asl-comparisons/}
 * (paths, intrinsics, Retry and Catch order, Map, Parallel, Choice): both run the same definition
 * on the same input with the same scripted Lambda answers, and must enter the same states and end
 * with the same status, output, error and cause. Where a case documents the output AWS gives
 * ({@code expect.output}), the local interpreter must give it; where moto is known to differ from
 * AWS ({@code motoDeviation}, with the reason), moto must still give its documented output, so a
 * fixed moto makes the note fail rather than go stale.
 */
class InterpreterComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CASES = ProjectFiles.root().resolve("local/src/test/resources/asl-comparisons");

    @RegisterExtension
    static final MotoStepFunctions MOTO = new MotoStepFunctions();

    @TestFactory
    Stream<DynamicTest> bothInterpretersEndTheSameWay() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(CASES)) {
            files = listed.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> compare(read(file))));
    }

    private static void compare(JsonNode comparison) throws InterruptedException {
        JsonNode definition = comparison.path("definition");
        JsonNode input = comparison.path("input");
        MOTO.reset(comparison.path("lambda"), JSON.createObjectNode());
        MotoStepFunctions.Run onMoto = MOTO.execute(definition.toString(), input);
        Execution local =
                new ScriptedTasks(comparison.path("lambda"), JSON.createObjectNode()).execute("run", definition, input);

        String what = comparison.path("description").asText();
        assertThat(onMoto.status())
                .as("moto's status: %s (%s %s)", what, onMoto.error(), onMoto.cause())
                .isEqualTo(comparison.path("expect").path("status").asText());
        assertThat(local.status())
                .as("status: %s (%s %s)", what, local.error(), local.cause())
                .isEqualTo(onMoto.status());
        if (comparison.path("branchesInterleave").asBoolean(false)) {
            // Parallel branches run concurrently on Step Functions: their states interleave in any order.
            assertThat(local.statesEntered())
                    .as("states entered: %s", what)
                    .containsExactlyInAnyOrderElementsOf(onMoto.path());
        } else {
            assertThat(local.statesEntered()).as("states entered: %s", what).isEqualTo(onMoto.path());
        }
        JsonNode deviation = comparison.path("motoDeviation");
        if (deviation.isMissingNode()) {
            assertThat(local.output()).as("output: %s", what).isEqualTo(onMoto.output());
        } else {
            assertThat(onMoto.output())
                    .as(
                            "moto's documented deviation: %s",
                            deviation.path("reason").asText())
                    .isEqualTo(deviation.path("output"));
        }
        if (comparison.path("expect").has("output")) {
            assertThat(local.output())
                    .as("the output AWS gives: %s", what)
                    .isEqualTo(comparison.path("expect").path("output"));
        }
        assertThat(local.error()).as("error: %s", what).isEqualTo(onMoto.error());
        assertThat(sameJsonOrText(local.cause(), onMoto.cause()))
                .as("cause: %s\nlocal %s\nmoto  %s", what, local.cause(), onMoto.cause())
                .isTrue();
        if (comparison.path("expect").has("error")) {
            assertThat(local.error())
                    .isEqualTo(comparison.path("expect").path("error").asText());
        }
    }

    /** A function error's cause is a JSON document: equal documents are the same cause, whatever their spacing. */
    private static boolean sameJsonOrText(String left, String right) {
        if (left == null || right == null) {
            return left == null && right == null;
        }
        try {
            return JSON.readTree(left).equals(JSON.readTree(right));
        } catch (IOException notJson) {
            return left.equals(right);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

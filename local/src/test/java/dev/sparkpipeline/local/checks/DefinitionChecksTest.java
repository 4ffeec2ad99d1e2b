package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.error.JobStillRunning;
import dev.sparkpipeline.core.error.PipelineException;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build checks of {@code statemachine/pipeline.asl.json}: asl-validator accepts it (as written and
 * with its placeholders substituted), and placeholders and DefinitionSubstitutions match both ways.
 */
class DefinitionChecksTest {

    private static final Path VALIDATOR = ProjectFiles.root().resolve("statemachine/node_modules/.bin/asl-validator");

    private final SamStateMachine stateMachine =
            SamTemplate.read(ProjectFiles.template()).stateMachine();

    @Test
    void validatorAcceptsTheDefinitionAsWritten() {
        var result = validate(stateMachine.definition(), "--no-arn-check");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void validatorAcceptsTheDefinitionWithItsPlaceholdersSubstituted(@TempDir Path dir) throws IOException {
        Map<String, String> values = new TreeMap<>();
        stateMachine.substitutions().keySet().forEach(name -> values.put(name, sampleValue(name)));
        Path substituted = dir.resolve("pipeline.json");
        Files.writeString(substituted, stateMachine.substitute(values));

        var result = validate(substituted);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void validatorRejectsATransitionToAMissingState(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(
                broken, stateMachine.definitionText().replace("\"Next\": \"TrackJob\"", "\"Next\": \"NoSuchState\""));

        var result = validate(broken, "--no-arn-check");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("NoSuchState");
    }

    @Test
    void everyPlaceholderHasASubstitution() {
        assertThat(stateMachine.substitutions().keySet()).containsAll(stateMachine.placeholders());
    }

    @Test
    void everySubstitutionIsUsed() {
        assertThat(stateMachine.placeholders())
                .containsAll(stateMachine.substitutions().keySet());
    }

    @Test
    void everyLambdaTaskInvokesAFunctionAliasOfTheTemplate() throws IOException {
        var functions = SamTemplate.read(ProjectFiles.template()).functions().keySet();
        List<String> invoked = new ArrayList<>();
        new ObjectMapper()
                .readTree(stateMachine.definitionText())
                .path("States")
                .forEach(state -> {
                    if ("arn:aws:states:::lambda:invoke"
                            .equals(state.path("Resource").asText())) {
                        invoked.add(
                                state.path("Parameters").path("FunctionName").asText());
                    }
                });

        assertThat(invoked).isNotEmpty().allSatisfy(name -> {
            String placeholder = name.replaceAll("^\\$\\{(.*)}$", "$1");
            assertThat(stateMachine.substitutions().get(placeholder))
                    .as("substitution of %s", name)
                    .isInstanceOf(Map.class)
                    .satisfies(ref -> assertThat(functions).contains(aliasTarget(ref)));
        });
    }

    @Test
    void everyPipelineErrorTheDefinitionMatchesIsAClassTheFunctionsThrow() throws IOException {
        List<String> names = new ArrayList<>();
        new ObjectMapper()
                .readTree(stateMachine.definitionText())
                .findValues("ErrorEquals")
                .forEach(list -> list.forEach(name -> names.add(name.asText())));

        assertThat(names)
                .filteredOn(name -> name.startsWith("dev.sparkpipeline."))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(Class.forName(name)).as(name).isAssignableTo(PipelineException.class));
    }

    @Test
    void theWatchOfALongJobRetriesAtThePollSchedulesCap() throws IOException {
        var retriers = new ObjectMapper()
                .readTree(stateMachine.definitionText())
                .path("States")
                .path("WatchJob")
                .path("Retry");
        var watch = retriers.get(0);

        assertThat(watch.path("ErrorEquals").get(0).asText()).isEqualTo(JobStillRunning.class.getName());
        assertThat(watch.path("IntervalSeconds").asInt()).isEqualTo(PollSchedule.MAX_SECONDS);
        assertThat(watch.path("BackoffRate").asDouble()).isEqualTo(1.0);
    }

    private static String aliasTarget(Object ref) {
        String target = String.valueOf(((Map<?, ?>) ref).get("Ref"));
        assertThat(target).as("a function alias, so SnapStart applies").endsWith(".Alias");
        return target.substring(0, target.length() - ".Alias".length());
    }

    /** A value of the shape CloudFormation would put in, so the validator checks real ARNs. */
    private static String sampleValue(String name) {
        if (name.endsWith("FunctionArn")) {
            return "arn:aws:lambda:us-east-1:123456789012:function:" + name.replace("Arn", "") + ":live";
        }
        if (name.endsWith("TopicArn")) {
            return "arn:aws:sns:us-east-1:123456789012:failures";
        }
        return "sample-" + name;
    }

    private static ExternalCommand.Result validate(Path definition, String... flags) {
        List<String> command = new ArrayList<>(List.of(VALIDATOR.toString(), "--json-path", definition.toString()));
        command.addAll(List.of(flags));
        return ExternalCommand.run(definition.getParent(), Map.of(), 60, command);
    }
}

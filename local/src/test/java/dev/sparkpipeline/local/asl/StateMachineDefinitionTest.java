package dev.sparkpipeline.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.statemachine.PipelineScenario;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The definition model: every definition of the project parses into typed states, and a definition
 * Step Functions would refuse is refused at load, naming the state and the field.
 */
class StateMachineDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> projectDefinitions() throws IOException {
        List<Arguments> definitions = new ArrayList<>();
        Path root = ProjectFiles.root();
        definitions.add(Arguments.of(
                "statemachine/pipeline.asl.json as written",
                JSON.readTree(root.resolve("statemachine/pipeline.asl.json").toFile())));
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        definitions.add(Arguments.of(
                "the pipeline as deployed (substituted)",
                JSON.readTree(PipelineScenario.deployedDefinition(PipelineScenario.FAILURES_TOPIC))));
        definitions.add(Arguments.of(
                "the pipeline as the local runner resolves it",
                JSON.readTree(new LocalResources(template).stateMachineDefinition())));
        try (Stream<Path> files = Files.list(root.resolve("local/src/test/resources/asl-comparisons"))) {
            files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .forEach(file -> definitions.add(Arguments.of(
                            file.getFileName().toString(), read(file).path("definition"))));
        }
        return definitions.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectDefinitions")
    void everyDefinitionOfTheProjectParses(String name, JsonNode definition) {
        StateMachineDefinition parsed = StateMachineDefinition.parse(definition);

        assertThat(parsed.states())
                .containsKey(parsed.startAt())
                .hasSize(definition.path("States").size());
    }

    @Test
    void thePipelineParsesIntoTypedStates() throws IOException {
        StateMachineDefinition pipeline = StateMachineDefinition.parse(JSON.readTree(
                ProjectFiles.root().resolve("statemachine/pipeline.asl.json").toFile()));

        assertThat(pipeline.timeoutSeconds()).isEqualTo(691_200L);
        assertThat(pipeline.state("CheckInput")).isInstanceOf(ChoiceState.class);
        assertThat(pipeline.state("WaitForJob"))
                .isInstanceOfSatisfying(
                        WaitState.class,
                        wait -> assertThat(wait.delay())
                                .isEqualTo(new WaitState.SecondsPath("$.answer.Payload.status.nextPollSeconds")));
        assertThat(pipeline.state("VerifyInput")).isInstanceOfSatisfying(TaskState.class, task -> {
            assertThat(task.resource()).isEqualTo("arn:aws:states:::lambda:invoke");
            assertThat(task.timeoutSeconds()).isEqualTo(60L);
            assertThat(task.outcome().resultPath()).isEqualTo(new DataPath("$.verdict"));
            assertThat(task.outcome().catchers()).extracting(Catcher::next).containsOnly("InputCheckFailed");
        });
        assertThat(pipeline.state("Fail_JobFailed"))
                .isEqualTo(new FailState("JobFailed", null, null, "$.failure.cause"));
    }

    @Test
    void aRetrierLeftAtItsDefaultsGetsThoseOfStepFunctions() {
        TaskState task = (TaskState) parse("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": ["Boom"]}],
                 "End": true}}}""").state("T");

        assertThat(task.outcome().retry())
                .containsExactly(new Retrier(List.of("Boom"), 1, 3, 2.0, null, Retrier.JitterStrategy.NONE));
    }

    @Test
    void aRetrierKeepsEveryFieldItGives() {
        TaskState task = (TaskState) parse("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": ["A", "B"],
                 "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1.5, "MaxDelaySeconds": 60,
                  "JitterStrategy": "FULL"}],
                 "End": true}}}""").state("T");

        assertThat(task.outcome().retry())
                .containsExactly(new Retrier(List.of("A", "B"), 2, 0, 1.5, 60L, Retrier.JitterStrategy.FULL));
    }

    @Test
    void choiceRulesParseIntoOperatorTypesWithTheirNext() {
        ChoiceState choice = (ChoiceState) parse("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                   {"And": [{"Variable": "$.n", "NumericLessThanPath": "$.limit"},
                            {"Not": {"Variable": "$.s", "IsPresent": false}}], "Next": "Yes"},
                   {"Variable": "$.name", "StringMatches": "orders-*.csv", "Next": "Yes"}],
                 "Default": "No"}, "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""").state("C");

        assertThat(choice.choices().get(0))
                .isEqualTo(new ChoiceRule(
                        new Condition.And(List.of(
                                new Condition.Comparison(
                                        "$.n",
                                        new Condition.Operator(Condition.Family.NUMERIC, Condition.Relation.LESS_THAN),
                                        new Condition.Operand.AtPath("$.limit")),
                                new Condition.Not(
                                        new Condition.TypeTest("$.s", Condition.TypeTest.Type.PRESENT, false)))),
                        null,
                        "Yes"));
        assertThat(choice.choices().get(1).condition())
                .isInstanceOfSatisfying(
                        Condition.StringMatches.class,
                        matches -> assertThat(matches.regex()
                                        .matcher("orders-2026.csv")
                                        .matches())
                                .isTrue());
        assertThat(choice.defaultNext()).isEqualTo("No");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "StringEquals|STRING|EQUALS", "StringGreaterThanEquals|STRING|GREATER_THAN_EQUALS",
                "NumericLessThan|NUMERIC|LESS_THAN", "BooleanEquals|BOOLEAN|EQUALS",
                "TimestampGreaterThan|TIMESTAMP|GREATER_THAN"
            })
    void everyComparisonOperatorKnowsItsFamilyAndRelation(
            String name, Condition.Family family, Condition.Relation relation) {
        Condition.Operator operator = Condition.Operator.named(name).orElseThrow();

        assertThat(operator.family()).isEqualTo(family);
        assertThat(operator.relation()).isEqualTo(relation);
        assertThat(operator.operator()).isEqualTo(name);
    }

    @Test
    void leftOutPathsAreTheRootAndNullIsNone() {
        PassState pass = (PassState) parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": null, "ResultPath": null,
                 "End": true}}}""").state("P");

        assertThat(pass.inputPath()).isEqualTo(DataPath.ROOT);
        assertThat(pass.outputPath().none()).isTrue();
        assertThat(pass.resultPath().none()).isTrue();
        assertThat(pass.next()).isNull();
    }

    @Test
    void aMapsLegacyIteratorAndParametersReadAsItemProcessorAndItemSelector() {
        MapState map = (MapState) parse("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"},
                 "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
                  "End": true}}}""").state("M");

        assertThat(map.itemSelector().has("v.$")).isTrue();
        assertThat(map.itemProcessor().startAt()).isEqualTo("I");
        assertThat(map.itemsPath()).isEqualTo("$");
    }

    @Test
    void aMissingTypeIsRejectedWithTheStateAndTheField() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"End": true}}}""", "P", "Type");
    }

    @Test
    void anUnknownTypeIsRejectedWithTheStateAndTheField() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Passs", "End": true}}}""", "P", "Type");

        assertThat(invalid.problem()).contains("Passs");
    }

    @Test
    void aMissingStartAtIsRejectedNamingTheField() {
        assertRejected("""
                {"States": {"P": {"Type": "Succeed"}}}""", null, "StartAt");
    }

    @Test
    void aStartAtThatNamesNoStateIsRejectedNamingTheField() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "Q", "States": {"P": {"Type": "Succeed"}}}""", null, "StartAt");

        assertThat(invalid.problem()).contains("\"Q\"");
    }

    @Test
    void aNextThatNamesNoStateIsRejectedWithTheStateAndTheField() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Nowhere"}}}""", "P", "Next");

        assertThat(invalid.problem()).contains("\"Nowhere\"");
    }

    @Test
    void aChoiceRulesNextThatNamesNoStateIsRejectedWithTheRule() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                  {"Variable": "$.a", "IsPresent": true, "Next": "Done"}, {"Variable": "$.b", "IsPresent": true,
                   "Next": "Dnoe"}],
                 "Default": "Done"}, "Done": {"Type": "Succeed"}}}""", "C", "Choices[1].Next");
    }

    @Test
    void aDefaultThatNamesNoStateIsRejectedWithTheStateAndTheField() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true,
                 "Next": "Done"}], "Default": "Elsewhere"}, "Done": {"Type": "Succeed"}}}""", "C", "Default");
    }

    @Test
    void aCatchNextThatNamesNoStateIsRejectedWithTheCatcher() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]}}}""", "T", "Catch[0].Next");
    }

    @Test
    void aBranchCannotGoToAStateOutsideIt() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "After", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "After"}}}]},
                   "After": {"Type": "Succeed"}}}""", "A", "Next");
    }

    @Test
    void aBranchsStartAtIsRejectedAsAFieldOfItsParallelState() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, {"StartAt": "X",
                   "States": {"B": {"Type": "Succeed"}}}]}}}""", "P", "Branches[1].StartAt");
    }

    @Test
    void anItemProcessorWithoutStatesIsRejectedAsAFieldOfItsMapState() {
        assertRejected("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"StartAt": "I"}, "End": true}}}""", "M", "ItemProcessor.States");
    }

    @Test
    void aStateWithNeitherNextNorEndIsRejectedWithTheStateAndTheField() {
        assertRejected("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5}}}""", "W", "Next");
    }

    @Test
    void aStateWithBothNextAndEndIsRejected() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "P", "End": true}}}""", "P", "End");
    }

    @Test
    void anEndThatIsNotTrueIsRejected() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": false}}}""", "P", "End");
    }

    @Test
    void anUnknownChoiceOperatorIsRejectedWhereverTheRuleIsNested() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"And": [
                   {"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "StringEqual": "x"}], "Next": "Done"}]},
                 "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].And[1].StringEqual");

        assertThat(invalid.problem()).isEqualTo("unknown Choice operator");
    }

    @Test
    void aPathFormOfAnOperatorThatHasNoneIsUnknown() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a",
                 "StringMatchesPath": "$.p", "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].StringMatchesPath");
    }

    @Test
    void aChoiceRuleWithoutNextIsRejectedWithTheRule() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true}],
                 "Default": "Done"}, "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].Next");
    }

    @Test
    void aNestedChoiceRuleWithANextIsRejected() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a",
                 "IsPresent": true,
                 "Next": "Done"}, "Next": "Done"}]}, "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].Not.Next");
    }

    @Test
    void aChoiceRuleWithTwoOperatorsIsRejected() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true,
                 "IsNull": false, "Next": "Done"}]}, "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].IsNull");
    }

    @Test
    void aComparisonWithoutVariableIsRejected() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"StringEquals": "x", "Next": "Done"}]},
                 "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].Variable");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NumericEquals|'\"2\"'",
                "StringEquals|2",
                "BooleanEquals|'\"true\"'",
                "TimestampLessThan|'\"yesterday\"'",
                "IsNull|'\"yes\"'",
                "StringMatches|1",
                "NumericLessThanPath|'\"limit\"'"
            })
    void aComparisonOperandOfTheWrongTypeIsRejected(String operator, String operand) {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "%s": %s,
                 "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""".formatted(operator, operand), "C", "Choices[0]." + operator);
    }

    @ParameterizedTest(name = "Seconds: {0}")
    @CsvSource(
            delimiter = '|',
            value = {"'\"10\"'", "-1", "1.5", "true"})
    void waitSecondsThatAreNotANonNegativeIntegerAreRejected(String seconds) {
        assertRejected("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": %s, "End": true}}}""".formatted(seconds), "W", "Seconds");
    }

    @Test
    void aWaitWithNoneOfItsFourFieldsIsRejected() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "End": true}}}""", "W", "Seconds");

        assertThat(invalid.problem()).contains("SecondsPath", "Timestamp", "TimestampPath");
    }

    @Test
    void aWaitWithTwoOfItsFourFieldsIsRejectedAtTheSecond() {
        assertRejected("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "TimestampPath": "$.at",
                 "End": true}}}""", "W", "TimestampPath");
    }

    @Test
    void aWaitTimestampThatIsNotOneIsRejected() {
        assertRejected("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "tomorrow",
                 "End": true}}}""", "W", "Timestamp");
    }

    @Test
    void aFailWithBothCauseAndCausePathIsRejected() {
        assertRejected("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Cause": "x",
                 "CausePath": "$.why"}}}""", "F", "CausePath");
    }

    @Test
    void aFailWithBothErrorAndErrorPathIsRejected() {
        assertRejected("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E",
                 "ErrorPath": "$.kind"}}}""", "F", "ErrorPath");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "IntervalSeconds|'\"2\"'",
                "IntervalSeconds|0",
                "MaxAttempts|-1",
                "MaxAttempts|1.5",
                "BackoffRate|0.5",
                "BackoffRate|'\"2\"'",
                "MaxDelaySeconds|'\"60\"'",
                "JitterStrategy|'\"HALF\"'",
                "ErrorEquals|'\"States.ALL\"'",
                "ErrorEquals|'[]'",
                "Comments|'\"typo\"'"
            })
    void retryFieldsOfTheWrongTypeAreRejectedWithTheRetrier(String field, String value) {
        String retrier = field.equals("ErrorEquals")
                ? "{\"ErrorEquals\": " + value + "}"
                : "{\"ErrorEquals\": [\"Boom\"], \"" + field + "\": " + value + "}";

        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                 "Retry": [{"ErrorEquals": ["Other"]}, %s],
                 "End": true}}}""".formatted(retrier), "T", "Retry[1]." + field);
    }

    @Test
    void statesAllMustBeAloneInItsErrorEquals() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL", "Boom"], "Next": "T"}]}}}""", "T", "Catch[0].ErrorEquals");
    }

    @Test
    void statesAllMustBeInTheLastRetrier() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true,
                 "Retry": [{"ErrorEquals": ["States.ALL"]},
                  {"ErrorEquals": ["Boom"]}]}}}""", "T", "Retry[0].ErrorEquals");
    }

    @Test
    void aCatcherWithoutNextIsRejected() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL"]}]}}}""", "T", "Catch[0].Next");
    }

    @ParameterizedTest(name = "{0} on a {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Reslt|Pass|'\"End\": true'",
                "Next|Succeed|''",
                "End|Fail|''",
                "Retry|Pass|'\"End\": true'",
                "Resource|Choice|'\"Choices\": [{\"Variable\": \"$.a\", \"IsPresent\": true, \"Next\": \"S\"}]'",
                "TimeoutSeconds|Wait|'\"Seconds\": 1, \"End\": true'"
            })
    void anUnknownFieldOnAStateIsRejected(String field, String type, String rest) {
        String separator = rest.isEmpty() ? "" : ", ";
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "S", "States": {"S": {"Type": "%s",
                 "%s": "x"%s%s}}}""".formatted(type, field, separator, rest), "S", field);

        assertThat(invalid.problem()).contains("is not a field of a " + type + " state");
    }

    @Test
    void anUnknownFieldOfTheDefinitionIsRejected() {
        assertRejected("""
                {"StartAt": "S", "TimeoutSecond": 60, "States": {"S": {"Type": "Succeed"}}}""", null, "TimeoutSecond");
    }

    @Test
    void aDistributedMapIsRejectedAsUnsupported() {
        InvalidDefinition invalid = assertRejected("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED",
                 "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}""", "M", "ItemProcessor.ProcessorConfig.Mode");

        assertThat(invalid.problem()).contains("not supported");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "InputPath|a.b",
                "OutputPath|.a",
                "ItemsPath|items",
                "ResultPath|$$.x",
                "ResultPath|$.a[0]",
                "ResultPath|$var"
            })
    void aPathThatIsNotAValidJsonPathIsRejected(String field, String path) {
        assertRejected("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "%s": "%s",
                 "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
                  "End": true}}}""".formatted(field, path), "M", field);
    }

    @Test
    void aChoiceVariableThatIsNotAPathIsRejected() {
        assertRejected("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "a", "IsPresent": true,
                 "Next": "Done"}]}, "Done": {"Type": "Succeed"}}}""", "C", "Choices[0].Variable");
    }

    @Test
    void aTemplateValueReadFromAPathMustBeAPathOrAnIntrinsic() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                 "Parameters": {"Payload": {"id.$": "id"}},
                 "End": true}}}""", "T", "Parameters.Payload.id.$");
    }

    @Test
    void aTemplateFieldGivenWithAndWithoutDollarIsRejected() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id": 1, "id.$": "$.id"},
                 "End": true}}}""", "P", "Parameters.id.$");
    }

    @Test
    void anAssignThatIsNotAnObjectIsRejected() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": ["x"], "End": true}}}""", "P", "Assign");
    }

    @Test
    void twoStatesOfTheSameNameAcrossBranchesAreRejected() {
        assertRejected("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}, {"StartAt": "A",
                   "States": {"A": {"Type": "Succeed"}}}]}}}""", "A", null);
    }

    @Test
    void theJsonataQueryLanguageIsRejectedForTheDefinition() {
        InvalidDefinition invalid = assertRejected("""
                {"QueryLanguage": "JSONata", "StartAt": "S",
                 "States": {"S": {"Type": "Succeed"}}}""", null, "QueryLanguage");

        assertThat(invalid.problem()).contains("JSONata", "not supported");
    }

    @Test
    void theJsonataQueryLanguageIsRejectedForAState() {
        assertRejected("""
                {"StartAt": "S", "States": {"S": {"Type": "Pass", "QueryLanguage": "JSONata",
                 "Output": "{% $states.input %}",
                 "End": true}}}""", "S", "QueryLanguage");
    }

    @Test
    void aHeartbeatNotShorterThanTheTimeoutIsRejected() {
        assertRejected("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "TimeoutSeconds": 60,
                 "HeartbeatSeconds": 60,
                 "End": true}}}""", "T", "HeartbeatSeconds");
    }

    @Test
    void aDefinitionBuiltByHandIsCheckedForItsTransitionsToo() {
        PassState toNowhere = new PassState(DataPath.ROOT, null, null, DataPath.ROOT, DataPath.ROOT, null, "Nowhere");

        Throwable thrown = catchThrowable(() -> new StateMachineDefinition("P", Map.of("P", toNowhere), null, null));

        assertThat(thrown).isInstanceOfSatisfying(InvalidDefinition.class, invalid -> {
            assertThat(invalid.state()).isEqualTo("P");
            assertThat(invalid.field()).isEqualTo("Next");
        });
    }

    @Test
    void theInterpreterRefusesAnInvalidDefinitionWhenItIsCreatedNotWhenARunReachesIt() {
        JsonNode definition = tree("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Later"},
                 "Later": {"Type": "Wait", "Seconds": "soon", "End": true}}}""");

        Throwable thrown = catchThrowable(() -> new StateMachineInterpreter(
                definition, (r, p) -> null, ExecutionClock.virtual(Instant.EPOCH), new Random(1)));

        assertThat(thrown)
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("state \"Later\"")
                .hasMessageContaining("field Seconds");
    }

    /** Asserts that parsing fails naming {@code state} and {@code field}, in the exception and its message. */
    private static InvalidDefinition assertRejected(String definition, String state, String field) {
        Throwable thrown = catchThrowable(() -> parse(definition));

        assertThat(thrown).isInstanceOf(InvalidDefinition.class);
        InvalidDefinition invalid = (InvalidDefinition) thrown;
        assertThat(invalid.state()).as(invalid.getMessage()).isEqualTo(state);
        assertThat(invalid.field()).as(invalid.getMessage()).isEqualTo(field);
        if (state != null) {
            assertThat(invalid.getMessage()).contains("state \"" + state + "\"");
        }
        if (field != null) {
            assertThat(invalid.getMessage()).contains("field " + field + ":");
        }
        return invalid;
    }

    @Test
    void thePipelinesLoopsAreThePollLoopTheWaitForCapacityAndTheOneResubmissionOfALostJob() {
        StateMachineDefinition pipeline =
                StateMachineDefinition.parse(read(ProjectFiles.root().resolve("statemachine/pipeline.asl.json")));

        assertThat(pipeline.statesOnLoops())
                .containsExactlyInAnyOrder(
                        "SubmitJob",
                        "CheckSubmitAnswer",
                        "WaitForCapacity",
                        "WaitForJob",
                        "TrackJob",
                        "JobState",
                        "WatchJob",
                        // Resubmitting a lost job goes round through the submission's answer again.
                        "AcceptSubmitAnswer",
                        "ResubmitLostJob?",
                        "ResubmitLostJob");
    }

    private static StateMachineDefinition parse(String definition) {
        return StateMachineDefinition.parse(tree(definition));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

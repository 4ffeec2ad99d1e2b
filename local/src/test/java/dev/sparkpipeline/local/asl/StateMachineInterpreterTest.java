package dev.sparkpipeline.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conformance of the interpreter, feature by feature, on small definitions and a virtual clock. */
class StateMachineInterpreterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    private final List<Instant> taskTimes = new ArrayList<>();
    private ExecutionClock clock = ExecutionClock.virtual(START);

    @Test
    void passWithParametersResultPathAndOutputPath() {
        Execution run = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hi {}', $.name)",
                 "fixed": 1, "execution.$": "$$.Execution.Name"}, "ResultPath": "$.out", "OutputPath": "$.out", "End": true}}}""", "{\"name\": \"ada\"}", (r, p) -> null);

        assertThat(run.output().toString()).isEqualTo("{\"greeting\":\"hi ada\",\"fixed\":1,\"execution\":\"test\"}");
    }

    @Test
    void resultPathNullKeepsTheInputAndInputPathSelects() {
        Execution run = run(
                """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "InputPath": "$.a", "ResultPath": null, "End": true}}}""", "{\"a\": {\"b\": 1}}", (r, p) -> JSON.createObjectNode().put("ignored", true));

        assertThat(run.output().toString()).isEqualTo("{\"a\":{\"b\":1}}");
    }

    @Test
    void resultSelectorShapesTheRawResult() {
        Execution run = run(
                """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "ResultSelector": {"v.$": "$.Payload.value"},
                 "ResultPath": "$.r", "End": true}}}""",
                "{}",
                (r, p) -> JSON.createObjectNode()
                        .set("Payload", JSON.createObjectNode().put("value", 42)));

        assertThat(run.output().path("r").path("v").asInt()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "StringEquals|'\"b\"'|yes",
                "StringLessThan|'\"c\"'|yes",
                "StringGreaterThanEquals|'\"b\"'|yes",
                "StringMatches|'\"b*\"'|yes",
                "NumericEquals|'2'|no",
                "IsString|'true'|yes",
                "IsNumeric|'true'|no",
                "IsPresent|'true'|yes",
                "IsNull|'false'|yes"
            })
    void choiceComparesWithEveryOperator(String operator, String operand, String expected) {
        Execution run = run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "%s": %s, "Next": "Yes"}],
                 "Default": "No"}, "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""".formatted(operator, operand), "{\"v\": \"b\"}", (r, p) -> null);

        assertThat(run.statesEntered()).last().isEqualTo(expected.equals("yes") ? "Yes" : "No");
    }

    @Test
    void choiceCombinesAndOrNotAndComparesPaths() {
        Execution run = run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"And": [
                   {"Not": {"Variable": "$.a", "NumericGreaterThanPath": "$.b"}},
                   {"Or": [{"Variable": "$.t", "TimestampLessThan": "2026-01-01T00:00:00Z"}, {"Variable": "$.f", "BooleanEquals": true}]}],
                 "Next": "Yes"}], "Default": "No"}, "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""", "{\"a\": 1, \"b\": 2, \"t\": \"2027-01-01T00:00:00Z\", \"f\": true}", (r, p) -> null);

        assertThat(run.statesEntered()).last().isEqualTo("Yes");
    }

    @Test
    void noMatchingChoiceWithoutDefaultFailsTheExecution() {
        Execution run = run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "IsNull": true, "Next": "C"}]}}}""", "{\"v\": 1}", (r, p) -> null);

        assertThat(run.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void retryBacksOffExponentiallyUpToMaxDelayOnTheVirtualClock() {
        int[] calls = {0};
        Execution run = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "Retry": [{"ErrorEquals": ["Boom"],
                 "IntervalSeconds": 2, "BackoffRate": 3, "MaxDelaySeconds": 10, "MaxAttempts": 3}], "End": true}}}""", "{}", (r, p) -> {
            taskTimes.add(clock.now());
            if (calls[0]++ < 3) {
                throw new StatesError("Boom", "try again");
            }
            return JSON.createObjectNode();
        });

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(List.of(between(0, 1), between(1, 2), between(2, 3))).containsExactly(2L, 6L, 10L);
    }

    @Test
    void retriesRunOutIntoTheFirstMatchingCatchInOrder() {
        Execution run = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                 "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                 "Catch": [{"ErrorEquals": ["Other"], "Next": "Wrong"}, {"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.err", "Next": "Caught"},
                           {"ErrorEquals": ["States.ALL"], "Next": "Wrong"}], "End": true},
                 "Caught": {"Type": "Succeed"}, "Wrong": {"Type": "Succeed"}}}""", "{\"keep\": 1}", (r, p) -> {
            throw new StatesError("Boom", "still broken");
        });

        assertThat(run.statesEntered()).containsExactly("T", "Caught");
        assertThat(run.output().path("err").path("Error").asText()).isEqualTo("Boom");
        assertThat(run.output().path("keep").asInt()).isEqualTo(1);
    }

    @Test
    void statesAllDoesNotCatchARuntimeError() {
        Execution run = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "Parameters": {"x.$": "$.missing"},
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Succeed"}}}""", "{}", (r, p) -> JSON.createObjectNode());

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("States.Runtime");
    }

    @Test
    void failTakesErrorAndCauseFromPaths() {
        Execution run = run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.kind", "CausePath": "$.why"}}}""", "{\"kind\": \"JobFailed\", \"why\": \"out of memory\"}", (r, p) -> null);

        assertThat(run.error()).isEqualTo("JobFailed");
        assertThat(run.cause()).isEqualTo("out of memory");
    }

    @Test
    void failTakesItsCauseFromAnIntrinsicFunction() {
        Execution run = run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Counted",
                 "CausePath": "States.Format('{} rows rejected', $.rows)"}}}""", "{\"rows\": 3}", (r, p) -> null);

        assertThat(run.error()).isEqualTo("Counted");
        assertThat(run.cause()).isEqualTo("3 rows rejected");
    }

    @Test
    void aTaskLongerThanTheTimeoutItsInputGivesTimesOut() {
        Execution run = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "TimeoutSecondsPath": "$.limit",
                 "End": true}}}""", "{\"limit\": 30}", (r, p) -> {
            clock.sleep(Duration.ofSeconds(31));
            return JSON.createObjectNode();
        });

        assertThat(run.error()).isEqualTo(StatesError.TIMEOUT);
    }

    @Test
    void waitSecondsPathMovesTheVirtualClock() {
        run("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "Next": "T"},
                 "T": {"Type": "Task", "Resource": "r", "End": true}}}""", "{\"s\": 90}", (r, p) -> {
            taskTimes.add(clock.now());
            return JSON.createObjectNode();
        });

        assertThat(taskTimes).containsExactly(START.plusSeconds(90));
    }

    @Test
    void anExecutionPastItsTimeoutEndsTimedOut() {
        Execution run = run("""
                {"StartAt": "W", "TimeoutSeconds": 60, "States": {"W": {"Type": "Wait", "Seconds": 120, "End": true}}}""", "{}", (r, p) -> null);

        assertThat(run.status()).isEqualTo("TIMED_OUT");
    }

    @Test
    void mapRunsTheProcessorPerItemWithTheItemInTheContext() {
        Execution run = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                 "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                 "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Pass",
                   "Parameters": {"n.$": "States.MathAdd($.value, $.value)", "i.$": "$.index"}, "End": true}}},
                 "ResultPath": "$.doubled", "End": true}}}""", "{\"items\": [1, 2, 3]}", (r, p) -> null);

        assertThat(run.output().path("doubled").toString())
                .isEqualTo("[{\"n\":2,\"i\":0},{\"n\":4,\"i\":1},{\"n\":6,\"i\":2}]");
    }

    @Test
    void parallelCollectsEveryBranchsOutputInOrder() {
        Execution run = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}""", "{}", (r, p) -> null);

        assertThat(run.output().toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "States.Array(1, 'two', $.n)|[1,\"two\",3]",
                "States.ArrayPartition(States.Array(1,2,3), 2)|[[1,2],[3]]",
                "States.ArrayContains(States.Array(1,2), 2)|true",
                "States.ArrayRange(1, 9, 4)|[1,5,9]",
                "States.ArrayGetItem(States.Array('a','b'), 1)|\"b\"",
                "States.ArrayLength(States.Array(1,2,3))|3",
                "States.ArrayUnique(States.Array(1,1,2))|[1,2]",
                "States.Base64Encode('hi')|\"aGk=\"",
                "States.Base64Decode('aGk=')|\"hi\"",
                "States.Hash('abc', 'SHA-256')|\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
                "States.JsonMerge(States.StringToJson('{\"a\":1}'), States.StringToJson('{\"b\":2}'), false)|{\"a\":1,\"b\":2}",
                "States.JsonToString($.o)|\"{\\\"k\\\":1}\"",
                "States.StringSplit('a,b;c', ',;')|[\"a\",\"b\",\"c\"]",
                "States.MathAdd($.n, -1)|2",
                "States.Format('{} of {}', 1, 'two')|\"1 of two\""
            })
    void intrinsicFunctions(String expression, String expected) throws Exception {
        String definition = JSON.writeValueAsString(JSON.readTree("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"""));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(definition);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("States").path("P"))
                .putObject("Parameters")
                .put("v.$", expression);

        Execution run = new StateMachineInterpreter(tree, (r, p) -> null, clock, new Random(1))
                .run("test", JSON.readTree("{\"n\": 3, \"o\": {\"k\": 1}}"));

        assertThat(run.status()).as(String.valueOf(run.cause())).isEqualTo("SUCCEEDED");
        assertThat(run.output().path("v")).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void assignedVariablesAreReadByLaterStatesWithTheirPaths() {
        Execution run = run(
                """
                {"StartAt": "T", "States": {
                 "T": {"Type": "Task", "Resource": "r", "ResultSelector": {"id.$": "$.Payload.id"},
                       "Assign": {"job.$": "$", "jobId.$": "$.id", "engine": "GLUE"}, "ResultPath": null, "Next": "Skip"},
                 "Skip": {"Type": "Pass", "Result": {"unrelated": true}, "Next": "Use"},
                 "Use": {"Type": "Pass", "Parameters": {"id.$": "$jobId", "nested.$": "$job.id", "engine.$": "$engine",
                         "label.$": "States.Format('{}-{}', $engine, $jobId)"}, "End": true}}}""",
                "{}",
                (r, p) -> JSON.createObjectNode()
                        .set("Payload", JSON.createObjectNode().put("id", "jr-1")));

        assertThat(run.output().toString())
                .isEqualTo("{\"id\":\"jr-1\",\"nested\":\"jr-1\",\"engine\":\"GLUE\",\"label\":\"GLUE-jr-1\"}");
    }

    @Test
    void assignSeesTheVariablesFromBeforeTheStateSoTwoCanSwap() {
        Execution run = run("""
                {"StartAt": "Set", "States": {
                 "Set": {"Type": "Pass", "Assign": {"a": 1, "b": 2}, "Next": "Swap"},
                 "Swap": {"Type": "Pass", "Assign": {"a.$": "$b", "b.$": "$a"}, "Next": "Show"},
                 "Show": {"Type": "Pass", "Parameters": {"a.$": "$a", "b.$": "$b"}, "End": true}}}""", "{}", (r, p) -> null);

        assertThat(run.output().toString()).isEqualTo("{\"a\":2,\"b\":1}");
    }

    @Test
    void aCatchersAssignReadsTheErrorOutputAndTheStatesAssignIsSkipped() {
        Execution run = run("""
                {"StartAt": "T", "States": {
                 "T": {"Type": "Task", "Resource": "r", "Assign": {"outcome": "ok"},
                       "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failedWith.$": "$.Error"}, "Next": "Check"}], "End": true},
                 "Check": {"Type": "Choice", "Choices": [{"Variable": "$outcome", "IsPresent": true, "Next": "Wrong"}], "Default": "Show"},
                 "Wrong": {"Type": "Fail", "Error": "StateAssignApplied"},
                 "Show": {"Type": "Pass", "Parameters": {"failedWith.$": "$failedWith"}, "End": true}}}""", "{}", (r, p) -> {
            throw new StatesError("Custom.Boom", "no");
        });

        assertThat(run.statesEntered()).containsExactly("T", "Check", "Show");
        assertThat(run.output().path("failedWith").asText()).isEqualTo("Custom.Boom");
    }

    @Test
    void readingAVariableNoStateAssignedFailsTheExecution() {
        Execution run = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$never"}, "End": true}}}""", "{}", (r, p) -> null);

        assertThat(run.error()).isEqualTo(StatesError.RUNTIME);
        assertThat(run.cause()).contains("$never is not assigned");
    }

    @Test
    void choiceRulesCompareVariablesAndAssignOnTheRuleOrTheDefault() {
        String definition = """
                {"StartAt": "Limit", "States": {
                 "Limit": {"Type": "Pass", "Assign": {"limit.$": "$.limit"}, "Next": "C"},
                 "C": {"Type": "Choice", "Choices": [{"Variable": "$.size", "NumericGreaterThanPath": "$limit",
                        "Assign": {"route": "big"}, "Next": "Show"}], "Default": "Show", "Assign": {"route": "small"}},
                 "Show": {"Type": "Pass", "Parameters": {"route.$": "$route"}, "End": true}}}""";

        assertThat(run(definition, "{\"limit\": 10, \"size\": 11}", (r, p) -> null)
                        .output()
                        .path("route")
                        .asText())
                .isEqualTo("big");
        assertThat(run(definition, "{\"limit\": 10, \"size\": 9}", (r, p) -> null)
                        .output()
                        .path("route")
                        .asText())
                .isEqualTo("small");
    }

    @Test
    void mapIterationsReadOuterVariablesButTheirOwnAssignmentsStayInside() {
        Execution run = run("""
                {"StartAt": "Set", "States": {
                 "Set": {"Type": "Pass", "Assign": {"prefix": "row-", "inner": "outer value"}, "Next": "Each"},
                 "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Label", "States": {
                     "Label": {"Type": "Pass", "Parameters": {"label.$": "States.Format('{}{}', $prefix, $)"},
                               "Assign": {"inner": "changed inside"}, "End": true}}},
                   "ResultPath": "$.labels", "Next": "Show"},
                 "Show": {"Type": "Pass", "Parameters": {"labels.$": "$.labels[*].label", "inner.$": "$inner"}, "End": true}}}""", "{\"items\": [1, 2]}", (r, p) -> null);

        assertThat(run.output().toString()).isEqualTo("{\"labels\":[\"row-1\",\"row-2\"],\"inner\":\"outer value\"}");
    }

    @Test
    void aResultOverTheStateLimitIsADataLimitErrorThatOnlyItsOwnNameCatches() {
        String big = "x".repeat(StateMachineInterpreter.PAYLOAD_LIMIT_BYTES);
        TaskRunner tooMuch = (r, p) -> JSON.createObjectNode().put("blob", big);

        Execution uncaught = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                 "Caught": {"Type": "Succeed"}}}""", "{}", tooMuch);
        Execution caught = run("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r",
                 "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "Caught"}], "End": true},
                 "Caught": {"Type": "Succeed"}}}""", "{}", tooMuch);

        assertThat(uncaught.status()).isEqualTo("FAILED");
        assertThat(uncaught.error()).isEqualTo(StatesError.DATA_LIMIT_EXCEEDED);
        assertThat(caught.statesEntered()).containsExactly("T", "Caught");
    }

    @Test
    void anInputOverTheStateLimitIsRefusedBeforeTheExecutionStarts() {
        var interpreter = new StateMachineInterpreter(
                JSON.createObjectNode()
                        .put("StartAt", "P")
                        .set(
                                "States",
                                JSON.createObjectNode()
                                        .set("P", JSON.createObjectNode().put("Type", "Succeed"))),
                (r, p) -> null,
                clock,
                new Random(1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> interpreter.run(
                        "big",
                        JSON.createObjectNode().put("blob", "x".repeat(StateMachineInterpreter.PAYLOAD_LIMIT_BYTES))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262144");
    }

    @Test
    void theListenerHearsEachStateEndWhileTheNextTaskIsStillRunning() throws Exception {
        List<HistoryEvent> heard = new ArrayList<>();
        List<String> heardWhileTaskRan = new ArrayList<>();
        TaskRunner job = (resource, parameters) -> {
            heard.forEach(event -> heardWhileTaskRan.add(event.type() + " " + event.state()));
            return JSON.createObjectNode();
        };
        JsonNode definition = JSON.readTree("""
                {"StartAt": "Submit", "States": {
                 "Submit": {"Type": "Pass", "Next": "Track"},
                 "Track": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""");

        Execution execution = new StateMachineInterpreter(definition, job, clock, new Random(1))
                .run("live", JSON.createObjectNode(), heard::add);

        assertThat(heardWhileTaskRan).contains("STATE_EXITED Submit", "TASK_STARTED Track");
        assertThat(heard).as("every event, in the order of the history").isEqualTo(execution.history());
    }

    @Test
    void aStopCutsAWaitShortAndEndsTheExecutionAbortedWithoutEnteringAnotherState() throws Exception {
        JsonNode definition = JSON.readTree("""
                {"StartAt": "Poll", "States": {
                 "Poll": {"Type": "Wait", "Seconds": 3600, "Next": "Failed"},
                 "Failed": {"Type": "Fail", "Error": "JobFailed"}}}""");
        ExecutionStop stop = new ExecutionStop();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.request("stopped by user");
        });
        stopper.start();

        Execution execution = new StateMachineInterpreter(
                        definition, (r, p) -> null, ExecutionClock.real(), new Random(1))
                .run("stopped", JSON.createObjectNode(), event -> {}, stop);

        assertThat(execution.status()).isEqualTo("ABORTED");
        assertThat(execution.cause()).isEqualTo("stopped by user");
        assertThat(execution.statesEntered()).containsExactly("Poll");
        assertThat(execution.history().get(execution.history().size() - 1).type())
                .isEqualTo(HistoryEvent.Type.EXECUTION_ABORTED);
    }

    @Test
    void aTaskRunningWhenTheStopComesFinishesButNoStateFollowsIt() throws Exception {
        ExecutionStop stop = new ExecutionStop();
        List<String> ran = new ArrayList<>();
        TaskRunner tasks = (resource, parameters) -> {
            ran.add(resource);
            stop.request("stopped by user");
            return JSON.createObjectNode();
        };
        JsonNode definition = JSON.readTree("""
                {"StartAt": "Submit", "States": {
                 "Submit": {"Type": "Task", "Resource": "submit", "Next": "RecordFailure"},
                 "RecordFailure": {"Type": "Task", "Resource": "record", "End": true}}}""");

        Execution execution = new StateMachineInterpreter(definition, tasks, clock, new Random(1))
                .run("stopped", JSON.createObjectNode(), event -> {}, stop);

        assertThat(execution.status()).isEqualTo("ABORTED");
        assertThat(ran).containsExactly("submit");
    }

    private long between(int from, int to) {
        return Duration.between(taskTimes.get(from), taskTimes.get(to)).toSeconds();
    }

    private Execution run(String definition, String input, TaskRunner tasks) {
        try {
            JsonNode tree = JSON.readTree(definition);
            return new StateMachineInterpreter(tree, tasks, clock, new Random(1)).run("test", JSON.readTree(input));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

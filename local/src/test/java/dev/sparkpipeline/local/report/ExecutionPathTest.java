package dev.sparkpipeline.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.statemachine.PipelineScenario;
import dev.sparkpipeline.local.statemachine.ScriptedTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path an execution took, read from its history: what the run card and the HTML page show. */
class ExecutionPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHappyRunHasOneStagePerTaskAndThePollLoopAsOneStage() throws IOException {
        ExecutionPath path = run("happy-emr-serverless.json");

        assertThat(path.stages())
                .extracting(ExecutionPath.Stage::name)
                .containsExactly("CheckInput", "VerifyInput", "SubmitJob", "TrackJob", "Publish", "EmitSucceededEvent");
        assertThat(path.stages())
                .filteredOn(stage -> stage.name().equals("TrackJob"))
                .singleElement()
                .extracting(ExecutionPath.Stage::tasks)
                .isEqualTo(2);
    }

    @Test
    void aStageLastsFromItsFirstStateToTheNextStagesSoTheStagesAddUpToTheExecution() {
        StateMachineDefinition polling = StateMachineDefinition.parse(tree("""
                {"StartAt": "Submit", "States": {
                  "Submit": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Wait"},
                  "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Track"},
                  "Track": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "IsDone"},
                  "IsDone": {"Type": "Choice", "Choices": [
                     {"Variable": "$.done", "BooleanEquals": true, "Next": "Publish"}], "Default": "Wait"},
                  "Publish": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
                """));
        List<HistoryEvent> history = new ArrayList<>();
        entered(history, "Submit", 0);
        for (long at = 100; at < 3_100; at += 1_000) {
            entered(history, "Wait", at);
            entered(history, "Track", at + 900);
            history.add(new HistoryEvent(HistoryEvent.Type.TASK_STARTED, "Track", START.plusMillis(at + 900), null));
            entered(history, "IsDone", at + 950);
        }
        entered(history, "Publish", 3_100);
        history.add(new HistoryEvent(HistoryEvent.Type.EXECUTION_SUCCEEDED, null, START.plusMillis(3_150), null));

        ExecutionPath path = ExecutionPath.of("run", polling, new Execution("SUCCEEDED", null, null, null, history));

        assertThat(path.stages())
                .containsExactly(
                        new ExecutionPath.Stage("Submit", 100, 0),
                        new ExecutionPath.Stage("Track", 3_000, 3),
                        new ExecutionPath.Stage("Publish", 50, 0));
    }

    @Test
    void aLostJobSubmittedAgainKeepsTheSubmissionAndThePollLoopAsTheirOwnStages() throws IOException {
        ExecutionPath path = run("livy-job-lost-resubmitted-once.json");

        assertThat(path.stages())
                .extracting(ExecutionPath.Stage::name)
                .startsWith("CheckInput", "VerifyInput", "CreateCluster", "SubmitJob", "TrackJob")
                .endsWith("Publish", "EmitSucceededEvent");
        assertThat(path.states()).containsSubsequence("TrackJob", "ResubmitLostJob", "SubmitJob", "TrackJob");
    }

    @Test
    void aSubmissionRefusedForCapacityIsOneSubmitStageWithEveryAttempt() throws IOException {
        ExecutionPath path = run("submit-refused-for-capacity-then-admitted.json");

        assertThat(path.stages())
                .filteredOn(stage -> stage.name().equals("SubmitJob"))
                .singleElement()
                .satisfies(stage -> assertThat(stage.tasks()).isGreaterThan(1));
    }

    @Test
    void theJobStatusIsTheLastOneATaskAnswered() throws IOException {
        ExecutionPath path = run("happy-emr-serverless.json");

        assertThat(path.jobStatus().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(path.jobStatus().path("rawState").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void theTransitionsTakenIncludeTheLoopBackAndNotTheFailurePath() throws IOException {
        ExecutionPath path = run("happy-emr-serverless.json");

        assertThat(path.transitions())
                .contains(new ExecutionPath.Transition("JobState", "WaitForJob"))
                .contains(new ExecutionPath.Transition("Publish", "EmitSucceededEvent"))
                .doesNotContain(new ExecutionPath.Transition("JobState", "JobFailed"));
    }

    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    private static void entered(List<HistoryEvent> history, String state, long atMs) {
        history.add(new HistoryEvent(HistoryEvent.Type.STATE_ENTERED, state, START.plusMillis(atMs), null));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExecutionPath run(String scenarioFile) throws IOException {
        return ExecutionPath.of("scenario", definition(), execute(scenario(scenarioFile)));
    }

    static PipelineScenario scenario(String file) {
        return PipelineScenario.read(
                ProjectFiles.root().resolve("statemachine/scenarios").resolve(file));
    }

    static Execution execute(PipelineScenario scenario) throws IOException {
        return new ScriptedTasks(scenario.lambda(), scenario.aws()).execute("scenario", deployed(), scenario.input());
    }

    static StateMachineDefinition definition() throws IOException {
        return StateMachineDefinition.parse(deployed());
    }

    private static JsonNode deployed() throws IOException {
        return JSON.readTree(PipelineScenario.deployedDefinition(PipelineScenario.FAILURES_TOPIC));
    }
}

package dev.sparkpipeline.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import dev.sparkpipeline.local.asl.TaskState;
import dev.sparkpipeline.local.asl.WaitState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The path one execution took through its state machine, read from its history: the states it
 * entered, the transitions it took, its stages with their times, and the last job status a task
 * answered (the tracker's: state, usage, estimated cost).
 *
 * <p>A stage is the work of one Task and the Choice and Pass states after it; a loop of the
 * definition (the poll loop, the wait for capacity) is one stage, named for its first Task (a Wait
 * leading to another Task begins that Task's stage), however
 * many times it went round. A stage lasts from its first state's entry to the next stage's, so the
 * stages add up to the execution.
 *
 * @param name        the execution's name
 * @param status      how it ended
 * @param states      the states entered, in order, repeats included
 * @param transitions each transition taken, once
 * @param stages      the stages, in order
 * @param jobStatus   the job status of the last task answer that held one ({@code Payload.status}),
 *                    or a missing node
 */
public record ExecutionPath(
        String name,
        String status,
        List<String> states,
        Set<Transition> transitions,
        List<Stage> stages,
        JsonNode jobStatus) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ExecutionPath {
        states = List.copyOf(states);
        transitions = Set.copyOf(transitions);
        stages = List.copyOf(stages);
    }

    /** One transition taken: from a state to the next. */
    public record Transition(String from, String to) {}

    /**
     * A stage of the execution.
     *
     * @param name  the Task it is named for (or the first state, before any Task)
     * @param ms    how long it lasted
     * @param tasks how many times its Tasks ran (a poll loop's polls)
     */
    public record Stage(String name, long ms, int tasks) {

        /** A duration for people: milliseconds below ten seconds' worth of them, else seconds to a tenth. */
        public static String time(long ms) {
            return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
    }

    /** The path of {@code execution}, which ran {@code definition}. */
    public static ExecutionPath of(String name, StateMachineDefinition definition, Execution execution) {
        Set<String> onLoops = definition.statesOnLoops();
        List<String> states = new ArrayList<>();
        Set<Transition> transitions = new LinkedHashSet<>();
        List<Stage> stages = new ArrayList<>();
        JsonNode jobStatus = MissingNode.getInstance();
        String stage = null;
        boolean stageIsLoop = false;
        Instant stageSince = null;
        int tasks = 0;
        Instant lastAt = null;
        for (HistoryEvent event : execution.history()) {
            lastAt = event.at();
            if (event.type() == HistoryEvent.Type.TASK_STARTED && stage != null) {
                tasks++;
            }
            if (event.type() == HistoryEvent.Type.TASK_SUCCEEDED) {
                JsonNode status = jobStatusIn(event.detail());
                if (status.isObject()) {
                    jobStatus = status;
                }
            }
            if (event.type() != HistoryEvent.Type.STATE_ENTERED || event.state() == null) {
                continue;
            }
            String state = event.state();
            if (!states.isEmpty()) {
                transitions.add(new Transition(states.get(states.size() - 1), state));
            }
            states.add(state);
            boolean isTask = definition.state(state) instanceof TaskState;
            boolean onLoop = onLoops.contains(state);
            // A Wait that leads to another Task than the stage's starts that Task's loop: the submission's wait for
            // capacity stays in its stage, the wait before the first poll starts the poll loop (both are on the one
            // loop that resubmitting a lost job closes).
            boolean waitsForAnotherTask = stageIsLoop
                    && definition.state(state) instanceof WaitState wait
                    && definition.state(wait.next()) instanceof TaskState
                    && definition.state(stage) instanceof TaskState
                    && !wait.next().equals(stage);
            boolean starts = stage == null || (onLoop ? !stageIsLoop || waitsForAnotherTask : isTask);
            if (starts) {
                if (stage != null) {
                    stages.add(new Stage(
                            stage, Duration.between(stageSince, event.at()).toMillis(), tasks));
                }
                stage = state;
                stageIsLoop = onLoop;
                stageSince = event.at();
                tasks = 0;
            }
            if (stageIsLoop && isTask && !(definition.state(stage) instanceof TaskState)) {
                // A loop stage entered at its Wait is named for the first Task on it.
                stage = state;
            }
            if (!onLoop) {
                stageIsLoop = false;
            }
        }
        if (stage != null) {
            stages.add(new Stage(stage, Duration.between(stageSince, lastAt).toMillis(), tasks));
        }
        return new ExecutionPath(name, execution.status(), states, transitions, stages, jobStatus);
    }

    /**
     * The job status in a task's result, as a history event holds it: a function's answer under
     * {@code Payload.status} (the submit function's and the tracker's), or a missing node.
     */
    public static JsonNode jobStatusIn(String taskResult) {
        if (taskResult == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(taskResult).path("Payload").path("status");
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}

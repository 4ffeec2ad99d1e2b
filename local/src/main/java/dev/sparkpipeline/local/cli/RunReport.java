package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import dev.sparkpipeline.local.asl.WaitState;
import dev.sparkpipeline.local.report.ExecutionPath;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a run shows: a live timeline of states for people, or exactly one JSON object
 * ({@code --json}) with status, executionName, states, outputs, and error/cause or quarantine.
 */
final class RunReport {

    enum Status {
        SUCCEEDED,
        FAILED,
        QUARANTINED
    }

    /** A finished state; {@code retried} names the errors of the task attempts its Retry made again. */
    private record State(String name, String status, long ms, List<String> retried) {}

    private final PrintWriter out;
    private final boolean json;
    private final boolean terminal;
    private final List<State> states = new ArrayList<>();
    private final Map<String, JsonNode> details = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean timeline = true;
    private ObjectNode document;
    private String bar;

    RunReport(PrintWriter out, boolean json) {
        this(out, json, false);
    }

    /**
     * @param terminal whether {@code out} is a terminal: a poll loop's progress is then one line
     *                 rewritten in place, where elsewhere (a pipe, a file, a test) each poll is a line
     */
    RunReport(PrintWriter out, boolean json, boolean terminal) {
        this.out = out;
        this.json = json;
        this.terminal = terminal;
    }

    /** Whether the process's standard output is a terminal (Java 17: a console exists only then). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /**
     * States are recorded (for {@code --json}) but not printed: a run of many executions shows people
     * one line for each instead.
     */
    void withoutTimeline() {
        timeline = false;
    }

    /** Whether people see each state as it ends. */
    boolean showsTimeline() {
        return timeline;
    }

    /** Records a finished state and, for people, prints it at once. */
    void state(String name, String status, long ms) {
        state(name, status, ms, List.of(), true);
    }

    private void state(String name, String status, long ms, List<String> retried, boolean shown) {
        states.add(new State(name, status, ms, retried));
        if (!json && timeline && shown) {
            out.printf(
                    "  %-28s %-12s %8d ms%s%n",
                    name, status, ms, retried.isEmpty() ? "" : "   retried after " + String.join(", ", retried));
            out.flush();
        }
    }

    /**
     * A timeline fed while the execution runs: each state is printed when it ends, so people see
     * the first states while the job is still running; a poll loop of {@code definition} (its
     * states on a loop, from the first Wait on it) is shown as progress and then one summary line;
     * {@link Timeline#end} closes it.
     */
    Timeline live(StateMachineDefinition definition) {
        return new Timeline(definition);
    }

    /** Turns history events into finished states, one event at a time. */
    final class Timeline implements Consumer<HistoryEvent> {
        private final Set<String> onLoops;
        private final StateMachineDefinition definition;
        private final Map<String, Instant> entered = new HashMap<>();
        private final Map<String, List<String>> failures = new HashMap<>();
        private final Map<String, List<String>> retried = new HashMap<>();
        private String last;
        private Instant lastAt;
        private Poll poll;

        private Timeline(StateMachineDefinition definition) {
            this.definition = definition;
            this.onLoops = definition.statesOnLoops();
        }

        @Override
        public synchronized void accept(HistoryEvent event) {
            lastAt = event.at();
            switch (event.type()) {
                case STATE_ENTERED -> {
                    if (poll != null && !onLoops.contains(event.state())) {
                        closePoll(event.at());
                    }
                    if (poll == null
                            && onLoops.contains(event.state())
                            && definition.state(event.state()) instanceof WaitState) {
                        poll = new Poll(event.at());
                    }
                    entered.put(event.state(), event.at());
                    failures.put(event.state(), new ArrayList<>());
                    retried.put(event.state(), new ArrayList<>());
                    last = event.state();
                }
                case TASK_FAILED -> failures.get(event.state()).add(event.detail());
                case TASK_SCHEDULED -> {
                    // A task scheduled again after a failure: the Retry took that failure.
                    retried.get(event.state()).addAll(failures.get(event.state()));
                    failures.get(event.state()).clear();
                }
                case TASK_STARTED -> {
                    if (poll != null) {
                        poll.polls.merge(event.state(), 1, Integer::sum);
                    }
                }
                case TASK_SUCCEEDED -> {
                    if (poll != null) {
                        poll.observe(event.state(), ExecutionPath.jobStatusIn(event.detail()));
                        progress(poll.line(event.at()));
                    }
                }
                case STATE_EXITED -> {
                    state(
                            event.state(),
                            "OK",
                            Duration.between(entered.get(event.state()), event.at())
                                    .toMillis(),
                            List.copyOf(retried.get(event.state())),
                            poll == null);
                    last = null;
                }
                default -> {}
            }
        }

        /** The state the execution ended in without leaving it (a failure) shows the execution's status. */
        synchronized void end(String status) {
            if (poll != null) {
                closePoll(lastAt);
            }
            if (last != null) {
                state(last, status, 0);
                last = null;
            }
        }

        private void closePoll(Instant at) {
            String summary = poll.summary(at);
            poll = null;
            if (!json && timeline) {
                if (terminal) {
                    out.print(CLEAR_LINE);
                }
                out.println(summary);
                out.flush();
            }
        }

        private void progress(String line) {
            if (json || !timeline) {
                return;
            }
            if (terminal) {
                out.print(CLEAR_LINE + line);
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    /** Carriage return and erase the line: a terminal's line rewritten in place. */
    private static final String CLEAR_LINE = "\r\033[2K";

    /** A poll loop while it runs: the polls of each task, the job states they answered, the wait before the next. */
    private static final class Poll {
        private final Instant since;
        private final Map<String, Integer> polls = new LinkedHashMap<>();
        private final List<String> jobStates = new ArrayList<>();
        private String lastTask;
        private String nextPoll;

        Poll(Instant since) {
            this.since = since;
        }

        /** A task of the loop answered; {@code status} is the job status in its answer (missing when none). */
        void observe(String task, JsonNode status) {
            lastTask = task;
            String jobState =
                    status.path("state").isTextual() ? status.path("state").asText() : null;
            if (jobState != null
                    && (jobStates.isEmpty()
                            || !jobStates.get(jobStates.size() - 1).equals(jobState))) {
                jobStates.add(jobState);
            }
            nextPoll = status.path("nextPollSeconds").isNumber()
                            && !status.path("terminal").asBoolean()
                    ? status.path("nextPollSeconds").asInt() + " s"
                    : null;
        }

        String line(Instant at) {
            return String.format(
                    "  %-28s %-12s %7.1f s   poll %d%s",
                    lastTask,
                    jobStates.isEmpty() ? "" : jobStates.get(jobStates.size() - 1),
                    seconds(at),
                    polls.values().stream().mapToInt(Integer::intValue).sum(),
                    nextPoll == null ? "" : ", next poll in " + nextPoll);
        }

        String summary(Instant at) {
            List<String> counts = new ArrayList<>();
            polls.forEach((task, count) -> counts.add(task + " x" + count));
            return String.format(
                    "  %-28s %-30s %7.1f s", String.join(", ", counts), String.join(" -> ", jobStates), seconds(at));
        }

        private double seconds(Instant at) {
            return Duration.between(since, at).toMillis() / 1000.0;
        }
    }

    /** The JSON document of the run, as {@code --json} prints it; null until {@link #finish}. */
    ObjectNode document() {
        return document;
    }

    /** The repository's template: bin/pipeline-local and the build set pipeline.root. */
    static Path defaultTemplate() {
        return Path.of(System.getProperty("pipeline.root", ".")).resolve("template.yaml");
    }

    /** A field of the JSON document; people see it too when {@code shown}. */
    void detail(String field, JsonNode value, boolean shown) {
        details.put(field, value);
        if (shown && !json) {
            out.println(value);
            out.flush();
        }
    }

    /** Something the user should fix before deploying; the run goes on ({@code warnings} in {@code --json}). */
    void warn(String line) {
        warnings.add(line);
        note("warning: " + line);
    }

    void note(String line) {
        if (!json) {
            if (bar != null) {
                out.print(CLEAR_LINE);
            }
            out.println(line);
            if (bar != null) {
                out.print(bar);
            }
            out.flush();
        }
    }

    /**
     * On a terminal, a bar over the files of a drop of many, under the lines printed so far and
     * redrawn in place; elsewhere nothing, as each execution prints its line when it ends.
     */
    void progress(int done, int total) {
        if (json || !terminal) {
            return;
        }
        bar = ProgressBar.line(done, total);
        out.print(CLEAR_LINE + bar);
        out.flush();
    }

    /** Clears the bar before the report's last lines. */
    void endProgress() {
        if (bar != null) {
            out.print(CLEAR_LINE);
            out.flush();
            bar = null;
        }
    }

    void finish(
            Status status,
            String executionName,
            List<String> outputs,
            String error,
            String cause,
            String quarantine,
            long rows) {
        ObjectMapper mapper = new ObjectMapper();
        document = mapper.createObjectNode();
        document.put("status", status.name());
        document.put("executionName", executionName);
        ArrayNode stateNodes = document.putArray("states");
        states.forEach(state -> {
            ObjectNode node = stateNodes
                    .addObject()
                    .put("name", state.name())
                    .put("status", state.status())
                    .put("ms", state.ms());
            if (!state.retried().isEmpty()) {
                state.retried().forEach(node.putArray("retried")::add);
            }
        });
        ArrayNode outputNodes = document.putArray("outputs");
        outputs.forEach(outputNodes::add);
        if (!outputs.isEmpty()) {
            document.put("rows", rows);
        }
        if (error != null) {
            document.put("error", error);
            document.put("cause", cause);
        }
        if (quarantine != null) {
            document.put("quarantine", quarantine);
        }
        if (!warnings.isEmpty()) {
            warnings.forEach(document.putArray("warnings")::add);
        }
        document.setAll(details);
        if (json) {
            out.println(document);
        } else {
            out.println();
            out.println(status + (executionName == null ? "" : "  (execution " + executionName + ")"));
            if (!outputs.isEmpty()) {
                out.println("  " + rows + " rows curated into:");
                outputs.forEach(output -> out.println("    " + output));
            }
            if (error != null) {
                out.println("  " + error + ": " + cause);
            }
            if (quarantine != null) {
                out.println("  reason: " + quarantine);
            }
        }
        out.flush();
    }
}

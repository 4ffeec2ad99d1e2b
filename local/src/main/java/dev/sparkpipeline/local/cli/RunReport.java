package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.HistoryEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final List<State> states = new ArrayList<>();
    private final Map<String, JsonNode> details = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean timeline = true;

    RunReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
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
        state(name, status, ms, List.of());
    }

    private void state(String name, String status, long ms, List<String> retried) {
        states.add(new State(name, status, ms, retried));
        if (!json && timeline) {
            out.printf(
                    "  %-28s %-12s %8d ms%s%n",
                    name, status, ms, retried.isEmpty() ? "" : "   retried after " + String.join(", ", retried));
            out.flush();
        }
    }

    /**
     * A timeline fed while the execution runs: each state is printed when it ends, so people see
     * the first states while the job is still running; {@link Timeline#end} closes it.
     */
    Timeline live() {
        return new Timeline();
    }

    /** Turns history events into finished states, one event at a time. */
    final class Timeline implements Consumer<HistoryEvent> {
        private final Map<String, Instant> entered = new HashMap<>();
        private final Map<String, List<String>> failures = new HashMap<>();
        private final Map<String, List<String>> retried = new HashMap<>();
        private String last;

        @Override
        public synchronized void accept(HistoryEvent event) {
            switch (event.type()) {
                case STATE_ENTERED -> {
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
                case STATE_EXITED -> {
                    state(
                            event.state(),
                            "OK",
                            Duration.between(entered.get(event.state()), event.at())
                                    .toMillis(),
                            List.copyOf(retried.get(event.state())));
                    last = null;
                }
                default -> {}
            }
        }

        /** The state the execution ended in without leaving it (a failure) shows the execution's status. */
        synchronized void end(String status) {
            if (last != null) {
                state(last, status, 0);
                last = null;
            }
        }
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
            out.println(line);
            out.flush();
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
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode document = mapper.createObjectNode();
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

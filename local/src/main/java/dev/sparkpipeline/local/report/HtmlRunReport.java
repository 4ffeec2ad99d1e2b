package dev.sparkpipeline.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkpipeline.local.asl.FailState;
import dev.sparkpipeline.local.asl.State;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A run's report as one self-contained HTML page (no script, style or font from elsewhere): the run
 * card's facts (the same document {@code --json} prints), a time bar per stage, and for each
 * execution the state machine drawn with the path it took highlighted.
 *
 * <p>The drawing lays states out in rows by their distance from StartAt, in definition order within
 * a row; a transition to a row above or to the same row (a loop) is drawn as a curve on the right.
 * A script on the page checks, once the browser has laid it out, that every state has a box of
 * its own and says what is drawn in {@code #rendered}.
 */
public final class HtmlRunReport {

    private static final int BOX_WIDTH = 190;
    private static final int BOX_HEIGHT = 28;
    private static final int COLUMN = 210;
    private static final int ROW = 64;
    private static final int MARGIN = 20;

    private HtmlRunReport() {}

    /**
     * Writes the page to {@code page} (its folder is created).
     *
     * @param document   the run's JSON document, as {@code --json} prints it
     * @param executions the paths of the executions that ran
     * @param definition the state machine they ran
     */
    public static void write(
            Path page, JsonNode document, List<ExecutionPath> executions, StateMachineDefinition definition) {
        try {
            Files.createDirectories(page.getParent());
            Files.writeString(page, html(document, executions, definition), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's HTML. */
    static String html(JsonNode document, List<ExecutionPath> executions, StateMachineDefinition definition) {
        StringBuilder html = new StringBuilder();
        String status = document.path("status").asText();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(status + " " + String.join(", ", names(executions))))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style></head>\n<body>\n");
        html.append("<h1 id=\"status\" class=\"")
                .append(escape(status.toLowerCase(Locale.ROOT)))
                .append("\">")
                .append(escape(status))
                .append("</h1>\n");
        card(html, document);
        for (ExecutionPath execution : executions) {
            html.append("<section class=\"execution\" data-execution=\"")
                    .append(escape(execution.name()))
                    .append("\">\n<h2>Execution ")
                    .append(escape(execution.name()))
                    .append(" <span class=\"status\">")
                    .append(escape(execution.status()))
                    .append("</span></h2>\n");
            stageBars(html, execution);
            drawing(html, execution, definition);
            html.append("</section>\n");
        }
        html.append("<p id=\"rendered\">not laid out (the page's script did not run)</p>\n<script>\n")
                .append(SCRIPT)
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static void card(StringBuilder html, JsonNode document) {
        html.append("<table id=\"card\">\n");
        row(html, "dataset", document.path("dataset").asText(""));
        row(html, "engine", document.path("engine").asText(""));
        row(html, "executions", join(document.path("executions")));
        JsonNode rows = document.path("rowCounts");
        if (rows.isObject()) {
            row(
                    html,
                    "rows",
                    rows.path("in").asLong() + " in, " + rows.path("rejected").asLong() + " rejected, "
                            + rows.path("duplicates").asLong() + " duplicates, "
                            + rows.path("curated").asLong() + " curated");
        }
        for (JsonNode reason : document.path("rejectReasons")) {
            row(
                    html,
                    "rejected",
                    reason.path("count").asLong() + " x "
                            + reason.path("reason").asText());
        }
        if (document.hasNonNull("rule")) {
            row(
                    html,
                    "quarantine rule",
                    document.path("rule").asText() + ": "
                            + document.path("message").asText(""));
        }
        if (document.hasNonNull("quarantine")) {
            row(html, "quarantine reason", document.path("quarantine").asText());
        }
        if (document.hasNonNull("error")) {
            row(
                    html,
                    "error",
                    document.path("error").asText() + ": "
                            + document.path("cause").asText(""));
        }
        JsonNode table = document.path("table");
        if (table.isObject()) {
            row(
                    html,
                    "table",
                    table.path("name").asText() + " snapshot "
                            + table.path("snapshot").asText() + " ("
                            + table.path("mode").asText() + ") at "
                            + table.path("location").asText());
        }
        for (JsonNode output : document.path("outputs")) {
            row(html, "written", output.asText());
        }
        for (JsonNode manifest : document.path("manifests")) {
            row(html, "manifest", manifest.asText());
        }
        for (JsonNode errors : document.path("errors")) {
            row(html, "rejected rows", errors.asText());
        }
        JsonNode cost = document.path("cost");
        if (cost.isObject()) {
            row(
                    html,
                    "estimated cost",
                    (cost.path("estimatedUsd").isNumber()
                                    ? String.format(
                                            Locale.ROOT,
                                            "%.6f USD = ",
                                            cost.path("estimatedUsd").asDouble())
                                    : "")
                            + cost.path("basis").asText());
        }
        for (JsonNode warning : document.path("warnings")) {
            row(html, "warning", warning.asText());
        }
        html.append("</table>\n");
    }

    private static void stageBars(StringBuilder html, ExecutionPath execution) {
        long longest = Math.max(
                1,
                execution.stages().stream()
                        .mapToLong(ExecutionPath.Stage::ms)
                        .max()
                        .orElse(1));
        html.append("<div class=\"stages\">\n");
        for (ExecutionPath.Stage stage : execution.stages()) {
            double width = Math.max(0.5, 100.0 * stage.ms() / longest);
            html.append("<div class=\"stage\" data-stage=\"")
                    .append(escape(stage.name()))
                    .append("\" data-ms=\"")
                    .append(stage.ms())
                    .append("\"><span class=\"name\">")
                    .append(escape(stage.name()))
                    .append(stage.tasks() > 1 ? " x" + stage.tasks() : "")
                    .append("</span><span class=\"track\"><span class=\"bar\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", width))
                    .append("%\"></span></span><span class=\"time\">")
                    .append(ExecutionPath.Stage.time(stage.ms()))
                    .append("</span></div>\n");
        }
        html.append("</div>\n");
    }

    private static void drawing(StringBuilder html, ExecutionPath execution, StateMachineDefinition definition) {
        Map<String, int[]> at = layout(definition);
        int width = at.values().stream().mapToInt(xy -> xy[0]).max().orElse(0) + BOX_WIDTH + 3 * MARGIN;
        int height = at.values().stream().mapToInt(xy -> xy[1]).max().orElse(0) + BOX_HEIGHT + 2 * MARGIN;
        Set<String> taken = new HashSet<>(execution.states());
        html.append("<svg class=\"machine\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\""
                        + " markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker>"
                        + "</defs>\n");
        // Edges first, the taken ones last, so boxes and highlighted arrows are on top.
        for (boolean takenPass : new boolean[] {false, true}) {
            for (Map.Entry<String, State> state : definition.states().entrySet()) {
                for (String next :
                        new LinkedHashSet<>(state.getValue().transitions().values())) {
                    boolean isTaken =
                            execution.transitions().contains(new ExecutionPath.Transition(state.getKey(), next));
                    if (isTaken == takenPass) {
                        edge(html, state.getKey(), next, at, isTaken);
                    }
                }
            }
        }
        for (Map.Entry<String, State> state : definition.states().entrySet()) {
            int[] xy = at.get(state.getKey());
            boolean isTaken = taken.contains(state.getKey());
            long visits =
                    execution.states().stream().filter(state.getKey()::equals).count();
            html.append("<g class=\"state")
                    .append(isTaken ? " taken" : "")
                    .append("\" data-state=\"")
                    .append(escape(state.getKey()))
                    .append("\"><title>")
                    .append(escape(state.getKey() + " (" + kind(state.getValue()) + ")"
                            + (visits > 0 ? ", entered " + visits + "x" : ", not entered")))
                    .append("</title><rect x=\"")
                    .append(xy[0])
                    .append("\" y=\"")
                    .append(xy[1])
                    .append("\" width=\"")
                    .append(BOX_WIDTH)
                    .append("\" height=\"")
                    .append(BOX_HEIGHT)
                    .append("\" rx=\"6\"/><text x=\"")
                    .append(xy[0] + BOX_WIDTH / 2)
                    .append("\" y=\"")
                    .append(xy[1] + BOX_HEIGHT / 2 + 4)
                    .append("\">")
                    .append(escape(label(state.getKey(), visits)))
                    .append("</text></g>\n");
        }
        html.append("</svg>\n");
    }

    private static void edge(StringBuilder html, String from, String to, Map<String, int[]> at, boolean taken) {
        int[] a = at.get(from);
        int[] b = at.get(to);
        String d;
        if (b[1] > a[1]) {
            d = "M " + (a[0] + BOX_WIDTH / 2) + " " + (a[1] + BOX_HEIGHT) + " L " + (b[0] + BOX_WIDTH / 2) + " " + b[1];
        } else {
            // Back to a row above, or along the same row: a curve on the right of both boxes.
            int right = Math.max(a[0], b[0]) + BOX_WIDTH;
            int bulge = right + MARGIN + Math.abs(a[1] - b[1]) / 8;
            d = "M " + (a[0] + BOX_WIDTH) + " " + (a[1] + BOX_HEIGHT / 2) + " C " + bulge + " "
                    + (a[1] + BOX_HEIGHT / 2)
                    + ", " + bulge + " " + (b[1] + BOX_HEIGHT / 2) + ", " + (b[0] + BOX_WIDTH) + " "
                    + (b[1] + BOX_HEIGHT / 2);
        }
        html.append("<path class=\"edge")
                .append(taken ? " taken" : "")
                .append("\" data-from=\"")
                .append(escape(from))
                .append("\" data-to=\"")
                .append(escape(to))
                .append("\" d=\"")
                .append(d)
                .append("\" marker-end=\"url(#arrow)\"/>\n");
    }

    /** Each state's top-left corner: its row is its distance from StartAt, its column its place in the row. */
    static Map<String, int[]> layout(StateMachineDefinition definition) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        Deque<String> next = new ArrayDeque<>(List.of(definition.startAt()));
        depth.put(definition.startAt(), 0);
        while (!next.isEmpty()) {
            String state = next.poll();
            for (String to : definition.state(state).transitions().values()) {
                if (!depth.containsKey(to)) {
                    depth.put(to, depth.get(state) + 1);
                    next.add(to);
                }
            }
        }
        int unreachable =
                depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Integer, List<String>> rows = new TreeMap<>();
        for (String state : definition.states().keySet()) {
            rows.computeIfAbsent(depth.getOrDefault(state, unreachable), row -> new ArrayList<>())
                    .add(state);
        }
        // Row by row, each state under the mean column of the states that lead to it (Fail states
        // last), so arrows run mostly down rather than across the page.
        Map<String, Integer> column = new HashMap<>();
        List<String> order = List.copyOf(definition.states().keySet());
        Map<String, int[]> at = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<String>> row : rows.entrySet()) {
            List<String> states = new ArrayList<>(row.getValue());
            Map<String, Double> under = new HashMap<>();
            for (String state : states) {
                under.put(state, meanColumnOfPredecessors(definition, state, column));
            }
            states.sort(Comparator.<String, Boolean>comparing(state -> definition.state(state) instanceof FailState)
                    .thenComparing(under::get)
                    .thenComparing(order::indexOf));
            for (int i = 0; i < states.size(); i++) {
                column.put(states.get(i), i);
                at.put(states.get(i), new int[] {MARGIN + i * COLUMN, MARGIN + row.getKey() * ROW});
            }
        }
        return at;
    }

    private static double meanColumnOfPredecessors(
            StateMachineDefinition definition, String state, Map<String, Integer> column) {
        return definition.states().entrySet().stream()
                .filter(from -> column.containsKey(from.getKey())
                        && from.getValue().transitions().containsValue(state))
                .mapToInt(from -> column.get(from.getKey()))
                .average()
                .orElse(Double.MAX_VALUE);
    }

    private static String label(String state, long visits) {
        String name = state.length() > 24 ? state.substring(0, 23) + "…" : state;
        return visits > 1 ? name + " x" + visits : name;
    }

    private static String kind(State state) {
        return state.getClass().getSimpleName().replace("State", "");
    }

    private static List<String> names(List<ExecutionPath> executions) {
        List<String> names = new ArrayList<>();
        executions.forEach(execution -> names.add(execution.name()));
        return names;
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return String.join(", ", values);
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr data-field=\"")
                .append(escape(name))
                .append("\"><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; }
            h1.succeeded { color: #17692b; } h1.failed { color: #b3261e; } h1.quarantined { color: #8a5a00; }
            #card th { text-align: left; padding-right: 16px; vertical-align: top; color: #555; }
            #card td { font-family: ui-monospace, monospace; word-break: break-all; }
            .stages { margin: 12px 0; max-width: 900px; }
            .stage { display: flex; align-items: center; gap: 8px; }
            .stage .name { width: 220px; font-family: ui-monospace, monospace; }
            .stage .track { flex: 1; background: #eee; height: 12px; }
            .stage .bar { display: block; height: 12px; background: #2f6fd6; }
            .stage .time { width: 80px; text-align: right; font-family: ui-monospace, monospace; }
            svg.machine rect { fill: #f4f4f4; stroke: #bbb; }
            svg.machine text { font: 11px ui-monospace, monospace; text-anchor: middle; fill: #888; }
            svg.machine g.taken rect { fill: #dbe8ff; stroke: #2f6fd6; stroke-width: 2; }
            svg.machine g.taken text { fill: #123; font-weight: bold; }
            svg.machine path.edge { fill: none; stroke: #ccc; }
            svg.machine path.edge.taken { stroke: #2f6fd6; stroke-width: 2.5; }
            """;

    private static final String SCRIPT = """
            (function () {
              var states = document.querySelectorAll('svg.machine g.state');
              var drawn = 0;
              states.forEach(function (g) {
                var box = g.querySelector('rect').getBBox();
                if (box.width > 0 && box.height > 0) { drawn++; }
              });
              var taken = document.querySelectorAll('svg.machine g.state.taken').length;
              var edges = document.querySelectorAll('svg.machine path.edge.taken').length;
              var bars = document.querySelectorAll('.stage .bar');
              var widths = 0;
              bars.forEach(function (bar) { if (bar.getBoundingClientRect().width > 0) { widths++; } });
              document.getElementById('rendered').textContent = 'drawn ' + drawn + ' of ' + states.length
                + ' states, ' + taken + ' taken, ' + edges + ' transitions taken, ' + widths + ' of '
                + bars.length + ' time bars shown';
            })();
            """;
}

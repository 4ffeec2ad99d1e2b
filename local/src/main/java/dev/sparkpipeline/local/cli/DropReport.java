package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.engine.CostEstimator;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.local.asl.StateMachineDefinition;
import dev.sparkpipeline.local.report.ExecutionPath;
import dev.sparkpipeline.local.report.HtmlRunReport;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.template.BucketNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a drop ends: every landed file's fate ({@code files} in {@code --json}, a line per fate for
 * people), the executions they went to ({@code executions}), and the run card's fields: the rows and
 * outputs of the runs that succeeded, the first failed file's error and cause, the first quarantined
 * file's reason, rule and message, and the HTML page of the runs it ran ({@code <lake>/_reports/}).
 * The status is FAILED when any file failed, else QUARANTINED when any was quarantined, else
 * SUCCEEDED; the exit code 0 only when every file was curated.
 */
final class DropReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many reject reasons the card names, most frequent first. */
    private static final int TOP_REASONS = 5;

    private final RunReport report;
    private final PipelineBuckets buckets;
    private final BucketNames names;
    private final StateMachineDefinition definition;
    private final Path reports;

    /**
     * @param reports where the run's HTML page is written ({@code <lake>/_reports})
     */
    DropReport(RunReport report, LocalPipeline pipeline, Path reports) {
        this.report = report;
        this.buckets = pipeline.buckets();
        this.names = pipeline.bucketNames();
        this.definition = pipeline.definition();
        this.reports = reports;
    }

    /** Reports the drop's end; answers its exit code. */
    int finish(List<FileFate> fates, List<ExecutionResult> executions) {
        Map<FileFate.Status, Integer> counts = new EnumMap<>(FileFate.Status.class);
        fates.forEach(fate -> counts.merge(fate.status(), 1, Integer::sum));
        ArrayNode files = JSON.createArrayNode();
        fates.forEach(fate -> files.addObject()
                .put("file", fate.file())
                .put("key", fate.key())
                .put("status", fate.status().name())
                .put("execution", fate.execution())
                .put("reason", fate.reason())
                .put("rule", fate.status() == FileFate.Status.QUARANTINED ? fate.error() : null));
        report.detail("files", files, false);
        ArrayNode names = JSON.createArrayNode();
        executions.forEach(execution -> names.add(execution.name()));
        report.detail("executions", names, false);
        if (fates.size() > 1) {
            summarise(fates, counts);
        }
        single(executions);

        List<String> outputs = new ArrayList<>();
        long rows = 0;
        for (ExecutionResult execution : executions) {
            if (execution.manifest() != null) {
                Manifest manifest = execution.manifest();
                manifest.files()
                        .forEach(name ->
                                outputs.add(buckets.uri(this.names.curated(), manifest.dataset() + "/" + name)));
                rows += manifest.rowsOut();
                table(manifest);
            }
        }
        card(executions);
        Path page = page(ran(executions));
        // One execution's name only when every file went to it: a quarantined file went to none.
        String executionName = executions.size() == 1
                        && fates.stream()
                                .allMatch(fate -> executions.get(0).name().equals(fate.execution()))
                ? executions.get(0).name()
                : null;
        FileFate failed = first(fates, FileFate.Status.FAILED);
        if (failed != null) {
            ExecutionResult run = executions.stream()
                    .filter(execution -> execution.name().equals(failed.execution()) && !execution.succeeded())
                    .findFirst()
                    .orElse(null);
            String error = run != null && run.error() != null ? run.error() : failed.error();
            String cause = run != null && run.cause() != null ? run.cause() : failed.reason();
            report.finish(RunReport.Status.FAILED, executionName, outputs, error, cause, null, rows);
            write(page, ran(executions));
            return 1;
        }
        FileFate quarantined = first(fates, FileFate.Status.QUARANTINED);
        if (quarantined != null) {
            if (quarantined.error() != null) {
                report.detail("rule", JSON.getNodeFactory().textNode(quarantined.error()), false);
                if (fates.size() == 1) {
                    report.note("  rule " + quarantined.error() + ": " + quarantined.reason());
                }
            }
            report.detail("message", JSON.getNodeFactory().textNode(quarantined.reason()), false);
            report.finish(RunReport.Status.QUARANTINED, executionName, outputs, null, null, quarantined.record(), rows);
            write(page, ran(executions));
            return 1;
        }
        report.finish(RunReport.Status.SUCCEEDED, executionName, outputs, null, null, null, rows);
        write(page, ran(executions));
        return 0;
    }

    /**
     * Ends a run of one execution started by hand ({@code execute}): its card's cost and stages,
     * then, once {@code finish} has built the run's document, its HTML page.
     *
     * @param finish reports the run's end (the command's own outputs, error and cause)
     */
    void execution(String dataset, String engine, ExecutionPath path, Runnable finish) {
        report.note("");
        report.note("Run card: " + dataset + " on " + engine);
        report.detail("dataset", JSON.getNodeFactory().textNode(dataset), false);
        report.detail("engine", JSON.getNodeFactory().textNode(engine), false);
        cost(List.of(path));
        stages(List.of(path));
        Path page = page(List.of(path));
        finish.run();
        write(page, List.of(path));
    }

    /**
     * Where the run's HTML page goes: named for its execution, or for the drop when it ran several;
     * null when no execution ran here (a quarantined file, a repeat), so no page is written.
     */
    private Path page(List<ExecutionPath> ran) {
        if (ran.isEmpty()) {
            return null;
        }
        String name = ran.size() == 1 ? ran.get(0).name() : "drop-" + System.currentTimeMillis();
        Path page = reports.resolve(name + ".html");
        report.detail("report", JSON.getNodeFactory().textNode(page.toUri().toString()), false);
        report.note("  report: " + page.toUri());
        return page;
    }

    private void write(Path page, List<ExecutionPath> ran) {
        if (page != null) {
            HtmlRunReport.write(page, report.document(), ran, definition);
        }
    }

    /** The paths of the executions this drop ran. */
    private static List<ExecutionPath> ran(List<ExecutionResult> executions) {
        return executions.stream()
                .map(ExecutionResult::path)
                .filter(path -> path != null)
                .toList();
    }

    /**
     * The run card, when a run ran here or an earlier one succeeded for these files: the dataset and
     * engine of the runs, every row accounted for (read, rejected, dropped as duplicates, curated),
     * the most frequent reject reasons, where the rejected rows and each run's manifest are; and for
     * the runs this drop ran, the estimated cost with its basis and the time of each stage.
     */
    private void card(List<ExecutionResult> executions) {
        List<Manifest> curated = new ArrayList<>();
        for (ExecutionResult execution : executions) {
            Manifest manifest = execution.manifest() != null ? execution.manifest() : earlierManifest(execution);
            if (manifest != null) {
                curated.add(manifest);
            }
        }
        List<ExecutionPath> ran = ran(executions);
        if (curated.isEmpty() && ran.isEmpty()) {
            return;
        }
        report.note("");
        Set<String> runDatasets = new LinkedHashSet<>();
        Set<String> runEngines = new LinkedHashSet<>();
        executions.forEach(execution -> {
            if (execution.input() != null) {
                runDatasets.add(execution.input().dataset());
                if (execution.input().engine() != null) {
                    runEngines.add(execution.input().engine().name());
                }
            }
        });
        report.detail("dataset", JSON.getNodeFactory().textNode(String.join(",", runDatasets)), false);
        report.detail("engine", JSON.getNodeFactory().textNode(String.join(",", runEngines)), false);
        report.note("Run card: " + String.join(", ", runDatasets) + " on " + String.join(", ", runEngines)
                + (ran.isEmpty() ? " (the earlier run: this drop ran nothing)" : ""));
        if (!curated.isEmpty()) {
            rows(curated);
        }
        if (!ran.isEmpty()) {
            cost(ran);
            stages(ran);
        }
    }

    /** The manifest of an execution that succeeded before this drop (a repeated drop), or null. */
    private Manifest earlierManifest(ExecutionResult execution) {
        if (execution.how() != ExecutionResult.How.RAN_BEFORE || !execution.succeeded() || execution.input() == null) {
            return null;
        }
        return buckets.read(
                        names.curated(), execution.input().dataset() + "/" + Manifest.relativePath(execution.name()))
                .map(ManifestJson::read)
                .orElse(null);
    }

    /** The rows of the runs that curated: read, rejected, duplicates, curated, and where each went. */
    private void rows(List<Manifest> curated) {
        long in = 0;
        long rejected = 0;
        long duplicates = 0;
        long out = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        ArrayNode errors = JSON.createArrayNode();
        ArrayNode manifests = JSON.createArrayNode();
        for (Manifest manifest : curated) {
            in += manifest.rowsIn();
            rejected += manifest.rejected();
            duplicates += manifest.duplicates();
            out += manifest.rowsOut();
            manifest.rejects()
                    .forEach(reject -> reasons.merge(
                            // A reject of the whole record (too large, not JSON) names no column.
                            (reject.column() == null ? "record" : reject.column()) + ": " + reject.rule(),
                            reject.count(),
                            Long::sum));
            if (manifest.errors() != null) {
                errors.add(manifest.errors().startsWith("s3://") ? buckets.uri(manifest.errors()) : manifest.errors());
            }
            manifests.add(
                    buckets.uri(names.curated(), manifest.dataset() + "/" + Manifest.relativePath(manifest.runId())));
        }
        ArrayNode top = JSON.createArrayNode();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP_REASONS)
                .forEach(
                        reason -> top.addObject().put("reason", reason.getKey()).put("count", reason.getValue()));
        report.detail(
                "rowCounts",
                JSON.createObjectNode()
                        .put("in", in)
                        .put("rejected", rejected)
                        .put("duplicates", duplicates)
                        .put("curated", out),
                false);
        report.detail("rejectReasons", top, false);
        report.detail("errors", errors, false);
        report.detail("manifests", manifests, false);

        report.note(
                String.format("  rows: %d in, %d rejected, %d duplicates, %d curated", in, rejected, duplicates, out));
        top.forEach(reason -> report.note("    rejected " + reason.path("count").asLong() + " x "
                + reason.path("reason").asText()));
        errors.forEach(path -> report.note("  rejected rows (with their reasons): " + path.asText()));
        if (duplicates > 0) {
            report.note("  duplicates were dropped (the manifest counts them; the curated rows keep one of each)");
        }
        manifests.forEach(path -> report.note("  manifest: " + path.asText()));
    }

    /**
     * The runs' estimated cost, summed, with its basis: the usage the tracker last reported, by unit,
     * at {@link CostEstimator}'s prices.
     */
    private void cost(List<ExecutionPath> ran) {
        Double usd = null;
        Map<String, Double> usage = new TreeMap<>();
        for (ExecutionPath execution : ran) {
            JsonNode status = execution.jobStatus();
            if (status.path("estimatedCostUsd").isNumber()) {
                usd = (usd == null ? 0 : usd) + status.path("estimatedCostUsd").asDouble();
            }
            status.path("usage")
                    .fields()
                    .forEachRemaining(
                            unit -> usage.merge(unit.getKey(), unit.getValue().asDouble(), Double::sum));
        }
        ObjectNode cost = JSON.createObjectNode();
        if (usd == null) {
            cost.putNull("estimatedUsd");
            cost.put("basis", "no estimate: the engine reported no usage");
            report.note("  cost: no estimate (the engine reported no usage)");
        } else {
            String basis = CostEstimator.basis(usage) + " (" + CostEstimator.PRICES + ")";
            cost.put("estimatedUsd", usd);
            usage.forEach(cost.putObject("usage")::put);
            cost.put("basis", basis);
            report.note(String.format(Locale.ROOT, "  cost: %.6f USD estimated = %s", usd, basis));
        }
        report.detail("cost", cost, false);
    }

    /** The time of each stage, summed over the runs (a stage that ran in several is one line). */
    private void stages(List<ExecutionPath> ran) {
        Map<String, long[]> stages = new LinkedHashMap<>();
        for (ExecutionPath execution : ran) {
            for (ExecutionPath.Stage stage : execution.stages()) {
                long[] msAndTasks = stages.computeIfAbsent(stage.name(), name -> new long[2]);
                msAndTasks[0] += stage.ms();
                msAndTasks[1] += stage.tasks();
            }
        }
        ArrayNode nodes = JSON.createArrayNode();
        List<String> people = new ArrayList<>();
        stages.forEach((name, msAndTasks) -> {
            nodes.addObject().put("stage", name).put("ms", msAndTasks[0]).put("tasks", msAndTasks[1]);
            people.add(name + " " + ExecutionPath.Stage.time(msAndTasks[0])
                    + (msAndTasks[1] > 1 ? " (" + msAndTasks[1] + " calls)" : ""));
        });
        report.detail("stages", nodes, false);
        report.note("  time: " + String.join(", ", people));
        ran.stream()
                .map(ExecutionPath::jobStatus)
                .filter(status -> status.path("state").isTextual())
                .forEach(status -> report.note(String.format(
                        "  job: %s after %d s, %d s of them queued",
                        status.path("state").asText(),
                        status.path("elapsedSeconds").asLong(),
                        status.path("queuedSeconds").asLong())));
    }

    /** For people: how many files ended each way, then each file that was not curated, and why. */
    private void summarise(List<FileFate> fates, Map<FileFate.Status, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status));
        report.note("");
        report.note(fates.size() + " files: " + String.join(", ", parts));
        for (FileFate fate : fates) {
            if (fate.status() != FileFate.Status.CURATED) {
                report.note(String.format(
                        "  %-11s %s: %s%s",
                        fate.status(),
                        fate.key(),
                        fate.status() == FileFate.Status.QUARANTINED && fate.error() != null ? fate.error() + ": " : "",
                        fate.reason()));
                if (fate.record() != null) {
                    report.note("              " + fate.record());
                }
            }
        }
    }

    /** A drop whose one execution ran before says which, as a repeated S3 event would find it. */
    private void single(List<ExecutionResult> executions) {
        if (executions.size() == 1 && executions.get(0).how() == ExecutionResult.How.RAN_BEFORE) {
            var earlier = executions.get(0).earlier();
            report.detail(
                    "duplicateOf",
                    JSON.createObjectNode()
                            .put("executionName", earlier.name())
                            .put("status", earlier.status().name())
                            .put("at", earlier.at().toString()),
                    false);
        }
    }

    private void table(Manifest manifest) {
        Manifest.TableCommit table = manifest.table();
        if (table == null) {
            return;
        }
        report.note("Table " + table.name() + " at " + table.location() + ": snapshot " + table.snapshotId() + " ("
                + (table.replayed() ? "this source version was committed before: nothing written" : table.mode())
                + ")");
        report.detail(
                "table",
                JSON.createObjectNode()
                        .put("name", table.name())
                        .put("location", table.location())
                        .put("metadata", table.metadataLocation())
                        .put("snapshot", table.snapshotId())
                        .put("mode", table.mode())
                        .put("replayed", table.replayed()),
                false);
    }

    private static FileFate first(List<FileFate> fates, FileFate.Status status) {
        return fates.stream()
                .filter(fate -> fate.status() == status)
                .findFirst()
                .orElse(null);
    }
}

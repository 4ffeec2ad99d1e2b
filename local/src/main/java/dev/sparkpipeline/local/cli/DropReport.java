package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.template.BucketNames;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a drop ends: every landed file's fate ({@code files} in {@code --json}, a line per fate for
 * people), the executions they went to ({@code executions}), and the run card's fields: the rows and
 * outputs of the runs that succeeded, the first failed file's error and cause, the first quarantined
 * file's reason. The status is FAILED when any file failed, else QUARANTINED when any was
 * quarantined, else SUCCEEDED; the exit code 0 only when every file was curated.
 */
final class DropReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many reject reasons the card names, most frequent first. */
    private static final int TOP_REASONS = 5;

    private final RunReport report;
    private final PipelineBuckets buckets;
    private final BucketNames names;

    DropReport(RunReport report, PipelineBuckets buckets, BucketNames names) {
        this.report = report;
        this.buckets = buckets;
        this.names = names;
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
                .put("reason", fate.reason()));
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
        String executionName = executions.size() == 1 ? executions.get(0).name() : null;
        FileFate failed = first(fates, FileFate.Status.FAILED);
        if (failed != null) {
            ExecutionResult run = executions.stream()
                    .filter(execution -> execution.name().equals(failed.execution()) && !execution.succeeded())
                    .findFirst()
                    .orElse(null);
            String error = run != null && run.error() != null ? run.error() : failed.error();
            String cause = run != null && run.cause() != null ? run.cause() : failed.reason();
            report.finish(RunReport.Status.FAILED, executionName, outputs, error, cause, null, rows);
            return 1;
        }
        FileFate quarantined = first(fates, FileFate.Status.QUARANTINED);
        if (quarantined != null) {
            if (quarantined.error() != null) {
                report.detail("rule", JSON.getNodeFactory().textNode(quarantined.error()), false);
            }
            report.finish(RunReport.Status.QUARANTINED, executionName, outputs, null, null, quarantined.record(), rows);
            return 1;
        }
        report.finish(RunReport.Status.SUCCEEDED, executionName, outputs, null, null, null, rows);
        return 0;
    }

    /**
     * The run card: the dataset and engine of the runs, every row accounted for (read, rejected,
     * dropped as duplicates, curated), the most frequent reject reasons, where the rejected rows and
     * each run's manifest are. (The tracker's cost estimate and the time per stage are not on it yet.)
     */
    private void card(List<ExecutionResult> executions) {
        List<ExecutionResult> curated = executions.stream()
                .filter(execution -> execution.manifest() != null)
                .toList();
        if (curated.isEmpty()) {
            return;
        }
        long in = 0;
        long rejected = 0;
        long duplicates = 0;
        long out = 0;
        Map<String, Long> reasons = new LinkedHashMap<>();
        ArrayNode errors = JSON.createArrayNode();
        ArrayNode manifests = JSON.createArrayNode();
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> engines = new LinkedHashSet<>();
        for (ExecutionResult execution : curated) {
            Manifest manifest = execution.manifest();
            in += manifest.rowsIn();
            rejected += manifest.rejected();
            duplicates += manifest.duplicates();
            out += manifest.rowsOut();
            manifest.rejects()
                    .forEach(
                            reject -> reasons.merge(reject.column() + ": " + reject.rule(), reject.count(), Long::sum));
            if (manifest.errors() != null) {
                errors.add(manifest.errors().startsWith("s3://") ? buckets.uri(manifest.errors()) : manifest.errors());
            }
            manifests.add(
                    buckets.uri(names.curated(), manifest.dataset() + "/" + Manifest.relativePath(manifest.runId())));
            datasets.add(manifest.dataset());
            if (execution.input() != null && execution.input().engine() != null) {
                engines.add(execution.input().engine().name());
            }
        }
        ArrayNode top = JSON.createArrayNode();
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP_REASONS)
                .forEach(
                        reason -> top.addObject().put("reason", reason.getKey()).put("count", reason.getValue()));
        report.detail("dataset", JSON.getNodeFactory().textNode(String.join(",", datasets)), false);
        report.detail("engine", JSON.getNodeFactory().textNode(String.join(",", engines)), false);
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

        report.note("");
        report.note("Run card: " + String.join(", ", datasets) + " on " + String.join(", ", engines));
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

    /** For people: how many files ended each way, then each file that was not curated, and why. */
    private void summarise(List<FileFate> fates, Map<FileFate.Status, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status));
        report.note("");
        report.note(fates.size() + " files: " + String.join(", ", parts));
        for (FileFate fate : fates) {
            if (fate.status() != FileFate.Status.CURATED) {
                report.note(String.format("  %-11s %s: %s", fate.status(), fate.key(), fate.reason()));
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

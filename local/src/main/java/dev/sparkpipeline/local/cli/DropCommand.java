package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.json.ValidationReportJson;
import dev.sparkpipeline.core.landing.ValidationReport;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.ExecutionLedger;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.runner.PipelineBuckets;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drop FILE}: lands a file in the local landing bucket and runs the pipeline on it: the
 * "Object Created" event S3 would send to EventBridge goes to the function the template's rule
 * routes it to (the validate function), then, for an accepted file, the execution it started runs:
 * the template's state machine on the local interpreter ({@link LocalPipeline}).
 */
@Command(
        name = "drop",
        mixinStandardHelpOptions = true,
        description = "Drop FILE into the local landing bucket and run the pipeline on it.")
final class DropCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to land.")
    Path file;

    @Option(
            names = "--dataset",
            description = "Dataset of config/datasets.json (default: the one the file name starts with).")
    String dataset;

    @Option(
            names = "--engine",
            description =
                    "EMR_SERVERLESS, GLUE, EMR or LOCAL, in any case: the cloud branch to follow; offline, every engine runs on local Spark.")
    Engine engine;

    @Option(
            names = "--key",
            description =
                    "The landing key to drop FILE as (default: <dataset prefix><yyyy/MM/dd>/<file name>): any S3 key, up to 1,024 bytes.")
    String key;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PipelineLocal.UsageError("cannot read " + file);
        }
        SamTemplate template = options.template();
        DatasetCatalog catalog = options.catalog();
        String key = this.key != null
                ? checkedKey(this.key)
                : landingKey(catalog, file.getFileName().toString(), Instant.now());
        LocalLake lake = new LocalLake(options.lakeDir);
        var report = new RunReport(spec.commandLine().getOut(), options.json);
        var pipeline = options.pipeline(template, lake);
        String landing = pipeline.bucketNames().landing();
        report.note("Dropping " + file + " as s3://" + landing + "/" + key
                + (options.awsEndpoint == null
                        ? " (lake " + lake.root() + ")"
                        : " (endpoint " + options.awsEndpoint + ")"));
        PipelineBuckets buckets = pipeline.buckets();
        JsonNode event = objectCreated(landing, key, buckets.land(landing, key, file));
        List<String> targets = pipeline.targets(event);
        if (targets.isEmpty()) {
            report.finish(
                    RunReport.Status.FAILED,
                    null,
                    List.of(),
                    "NoTarget",
                    "no function of the template has an EventBridge rule for Object Created events from " + landing,
                    null,
                    0);
            return 1;
        }
        List<FileOutcome> outcomes = new ArrayList<>();
        for (String function : targets) {
            long started = System.nanoTime();
            try {
                byte[] answer = pipeline.functions().invoke(function, JSON.writeValueAsBytes(event));
                ValidationReportJson.readAnswer(answer)
                        .map(ValidationReport::files)
                        .orElse(List.of())
                        .forEach(file -> outcomes.add(new FileOutcome(
                                file.outcome().name(), file.executionName(), file.reasonUri(), file.message())));
                report.state(
                        function,
                        outcomes.isEmpty()
                                ? "NO_FILES"
                                : outcomes.get(outcomes.size() - 1).outcome(),
                        millisSince(started));
            } catch (StatesError failure) {
                report.state(function, "FAILED", millisSince(started));
                report.finish(RunReport.Status.FAILED, null, List.of(), failure.error(), failure.cause(), null, 0);
                return 1;
            }
        }
        FileOutcome outcome = outcomes.isEmpty()
                ? new FileOutcome("NO_FILES", null, null, "the function reported no file")
                : outcomes.get(0);
        if (outcome.outcome().equals("QUARANTINED")) {
            report.finish(
                    RunReport.Status.QUARANTINED, null, List.of(), null, null, buckets.uri(outcome.reasonUri()), 0);
            return 1;
        }
        String executionName = outcome.executionName();
        ExecutionInput input;
        if (outcome.outcome().equals("DUPLICATE")) {
            Optional<ExecutionLedger.Entry> earlier = pipeline.ledger().find(executionName);
            if (earlier.isPresent() && earlier.get().status().ended()) {
                return reportEarlier(report, earlier.get());
            }
            if (earlier.isPresent()
                    && earlier.get().status() == ExecutionLedger.Status.RUNNING
                    && earlier.get().runnerAlive()) {
                report.finish(
                        RunReport.Status.FAILED,
                        executionName,
                        List.of(),
                        "DUPLICATE",
                        "this object version is being run now, by process "
                                + earlier.get().runnerPid(),
                        null,
                        0);
                return 1;
            }
            input = reconciled(report, pipeline, executionName, earlier);
        } else if (outcome.outcome().equals("ACCEPTED")) {
            input = pipeline.started(executionName).orElseThrow();
        } else {
            report.finish(
                    RunReport.Status.FAILED, executionName, List.of(), outcome.outcome(), outcome.message(), null, 0);
            return 1;
        }
        if (engine != null) {
            input = input.withEngine(engine);
        }
        report.note("Execution " + executionName + " on " + input.engine()
                + " (the state machine on the local interpreter, "
                + (options.awsEndpoint == null ? "the job on local Spark)" : "the functions on the endpoint)"));

        Execution execution = pipeline.execute(executionName, JSON.valueToTree(ExecutionInputJson.fields(input)));
        report.states(execution);
        if (!execution.status().equals("SUCCEEDED")) {
            report.finish(
                    RunReport.Status.FAILED, executionName, List.of(), execution.error(), execution.cause(), null, 0);
            return 1;
        }
        String dataset = input.dataset();
        String manifestKey = dataset + "/" + Manifest.relativePath(executionName);
        Manifest manifest =
                ManifestJson.read(buckets.read(pipeline.bucketNames().curated(), manifestKey)
                        .orElseThrow(() -> new IllegalStateException(
                                "the run succeeded without a manifest for " + executionName)));
        List<String> outputs = new ArrayList<>();
        manifest.files()
                .forEach(name -> outputs.add(buckets.uri(pipeline.bucketNames().curated(), dataset + "/" + name)));
        Manifest.TableCommit table = manifest.table();
        if (table != null) {
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
        report.finish(RunReport.Status.SUCCEEDED, executionName, outputs, null, null, null, manifest.rowsOut());
        return 0;
    }

    /**
     * A re-drop of an object version that already ran is a no-op, as a repeated S3 event is: the
     * earlier execution is reported, and the command exits as it did.
     */
    private static int reportEarlier(RunReport report, ExecutionLedger.Entry earlier) {
        boolean succeeded = earlier.status() == ExecutionLedger.Status.SUCCEEDED;
        report.note("This object version already ran as execution " + earlier.name() + " (" + earlier.status() + " at "
                + earlier.at() + "): nothing to do.");
        report.detail(
                "duplicateOf",
                JSON.createObjectNode()
                        .put("executionName", earlier.name())
                        .put("status", earlier.status().name())
                        .put("at", earlier.at().toString()),
                false);
        report.finish(
                succeeded ? RunReport.Status.SUCCEEDED : RunReport.Status.FAILED,
                earlier.name(),
                List.of(),
                succeeded ? null : earlier.error(),
                succeeded ? null : earlier.cause(),
                null,
                0);
        return succeeded ? 0 : 1;
    }

    /**
     * An execution that was started but never ended (its runner was killed, or it was only started
     * by {@code invoke}): recorded as aborted if it had begun, then run again, so the file gets a fate.
     */
    private ExecutionInput reconciled(
            RunReport report, LocalPipeline pipeline, String executionName, Optional<ExecutionLedger.Entry> earlier)
            throws IOException {
        JsonNode saved = earlier.map(ExecutionLedger.Entry::input)
                .orElseGet(() -> JSON.valueToTree(ExecutionInputJson.fields(
                        pipeline.started(executionName).orElseThrow())));
        if (earlier.isPresent() && earlier.get().status() == ExecutionLedger.Status.RUNNING) {
            pipeline.ledger()
                    .aborted(
                            executionName,
                            saved,
                            "its runner (process " + earlier.get().runnerPid()
                                    + ") stopped before the execution ended");
            report.note("Execution " + executionName + " never ended: its runner (process "
                    + earlier.get().runnerPid() + ") stopped. Recorded as aborted; running the file again.");
        } else {
            report.note("Execution " + executionName + " was started but never run; running it now.");
        }
        return ExecutionInputJson.read(JSON.writeValueAsBytes(saved));
    }

    /** A key S3 would take: 1 to 1,024 bytes of UTF-8. */
    private static String checkedKey(String key) {
        int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > 1024) {
            throw new PipelineLocal.UsageError(
                    "--key must be 1 to 1,024 bytes of UTF-8, as an S3 key is; it has " + bytes);
        }
        return key;
    }

    /** {@code <dataset prefix>yyyy/MM/dd/<file>}; a file of no known dataset lands at the bucket root. */
    private String landingKey(DatasetCatalog catalog, String fileName, Instant now) {
        DatasetSpec chosen;
        if (dataset != null) {
            chosen = catalog.named(dataset)
                    .orElseThrow(() -> new PipelineLocal.UsageError(
                            "unknown dataset " + dataset + "; " + options.configFile + " has " + names(catalog)));
        } else {
            String lower = fileName.toLowerCase(Locale.ROOT);
            chosen = catalog.all().stream()
                    .filter(spec -> lower.startsWith(spec.name()))
                    .findFirst()
                    .orElse(null);
        }
        return chosen == null ? fileName : chosen.prefix() + DAY.format(now) + "/" + fileName;
    }

    private static List<String> names(DatasetCatalog catalog) {
        return catalog.all().stream().map(DatasetSpec::name).sorted().toList();
    }

    /** The "Object Created" event S3 sends to EventBridge for this object: what the template routes. */
    private static JsonNode objectCreated(String bucket, String key, StoredObject object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Object Created")
                .put("source", "aws.s3")
                .put("account", "000000000000")
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", "local");
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object")
                .put("key", key)
                .put("size", object.size())
                .put("etag", object.etag())
                .put("sequencer", Long.toHexString(System.nanoTime()));
        detail.put("request-id", "local").put("requester", "000000000000").put("reason", "PutObject");
        return event;
    }

    /** One file's outcome as the validate function reports it. */
    private record FileOutcome(String outcome, String executionName, String reasonUri, String message) {}

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.landing.RecordLocation;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Publisher;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay [KEY...]}: re-runs the files recorded under {@code failed/}. The template's replay
 * function does what it does in the cloud (each record the filters take is marked replayed and its
 * file started again under a replay name; the intake dead-letter queue goes back to the intake
 * queue), then every execution it started runs here to its end, and each file's fate is read from
 * the lake as {@code drop} reads it: curated (its failure record removed by publishing) or failed
 * again (its record rewritten to name the replay).
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Re-run the files recorded under failed/ in the lake, each under a new execution name,"
                + " and move the intake dead-letter queue back to the intake queue.")
final class ReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "ReplayFunction";

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "KEY",
            description = "Only the files landed under these keys (default: every failed file).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--dataset", description = "Only this dataset's failed files.")
    String dataset;

    @Option(
            names = "--since",
            paramLabel = "YYYY-MM-DD",
            description = "Only files that failed on this day (UTC) or later.")
    LocalDate since;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        SamTemplate template = options.template();
        if (!template.functions().containsKey(FUNCTION)) {
            throw new PipelineLocal.UsageError("the template has no " + FUNCTION);
        }
        LocalLake lake = new LocalLake(options.lakeDir);
        LocalPipeline pipeline = options.pipeline(template, lake);
        var report = new RunReport(spec.commandLine().getOut(), options.json, RunReport.onTerminal());

        JsonNode answer;
        try {
            answer = JSON.readTree(pipeline.functions().invoke(FUNCTION, event()));
        } catch (StatesError failure) {
            report.finish(RunReport.Status.FAILED, null, List.of(), failure.error(), failure.cause(), null, 0);
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode replays = answer.path("files");
        report.detail("replays", replays, false);
        report.detail("redriven", answer.path("redriven"), false);
        answer.path("redriven")
                .fields()
                .forEachRemaining(queue -> report.note(
                        queue.getValue().asInt() + " message(s) of " + queue.getKey() + " moved back to their queue"));
        if (replays.size() != 1) {
            report.withoutTimeline();
        }
        report.note(
                replays.isEmpty()
                        ? "No failed file to replay in " + where(lake)
                        : "Replaying " + replays.size() + " failed file(s) in " + where(lake));

        var executions = new DropExecutions(
                pipeline,
                report,
                null,
                options.awsEndpoint == null ? "the job on local Spark" : "the functions on the endpoint");
        Map<String, ExecutionResult> results = new LinkedHashMap<>();
        List<FileFate> fates = new ArrayList<>();
        for (JsonNode replay : replays) {
            String key = replay.path("key").asText(null);
            String file = key == null
                    ? null
                    : pipeline.buckets().uri(pipeline.bucketNames().landing(), key);
            String name = replay.path("execution").asText(null);
            if (name == null) {
                fates.add(new FileFate(
                        file,
                        key,
                        FileFate.Status.FAILED,
                        replay.path("replayOf").asText(null),
                        "not replayed: " + replay.path("reason").asText(),
                        pipeline.buckets().uri(replay.path("record").asText()),
                        "NotReplayed"));
                continue;
            }
            ExecutionResult result = results.computeIfAbsent(name, executions::run);
            fates.add(fate(pipeline, file, key, result));
        }
        return new DropReport(report, pipeline, lake.reports()).finish(fates, List.copyOf(results.values()));
    }

    /** The replay function's event: the command's filters. */
    private byte[] event() {
        ObjectNode event = JSON.createObjectNode();
        if (dataset != null) {
            event.put("dataset", dataset);
        }
        if (since != null) {
            event.put("since", since.toString());
        }
        if (!keys.isEmpty()) {
            ArrayNode list = event.putArray("keys");
            keys.forEach(list::add);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the replayed file ended: its archive (curated) or its failure record, filed by its identity and landing day. */
    private static FileFate fate(LocalPipeline pipeline, String file, String key, ExecutionResult result) {
        if (result.input() == null || result.input().isBatch()) {
            return new FileFate(file, key, FileFate.Status.FAILED, result.name(), result.cause(), null, result.error());
        }
        SourceObject source = result.input().source();
        var names = pipeline.bucketNames();
        RecordLocation archived = RecordLocation.of(Publisher.ARCHIVE_PREFIX, source.identity(), source.landedAt());
        if (pipeline.buckets().read(names.curated(), archived.reasonKey()).isPresent()) {
            return new FileFate(
                    file,
                    key,
                    FileFate.Status.CURATED,
                    result.name(),
                    null,
                    pipeline.buckets().uri(names.curated(), archived.copyKey()),
                    null);
        }
        RecordLocation failed = RecordLocation.of(FailureRecorder.PREFIX, source.identity(), source.landedAt());
        Optional<JsonNode> record = pipeline.buckets()
                .read(names.quarantine(), failed.reasonKey())
                .map(json -> {
                    try {
                        return JSON.readTree(json);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        String cause =
                record.map(document -> document.path("cause").asText(null)).orElse(result.cause());
        String error =
                record.map(document -> document.path("kind").asText(null)).orElse(result.error());
        return new FileFate(
                file,
                key,
                FileFate.Status.FAILED,
                result.name(),
                cause != null ? cause : "execution " + result.name() + " ended " + result.status(),
                record.isPresent() ? pipeline.buckets().uri(names.quarantine(), failed.reasonKey()) : null,
                error);
    }

    private String where(LocalLake lake) {
        return options.awsEndpoint == null ? "lake " + lake.root() : "endpoint " + options.awsEndpoint;
    }
}

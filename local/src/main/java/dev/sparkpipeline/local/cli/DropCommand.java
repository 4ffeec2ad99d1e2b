package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.runner.QueueDelivery;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * {@code drop FILE|DIR...}: lands files in the local landing bucket and runs the pipeline until
 * every one has its fate. Each file's "Object Created" event goes to the function the template's
 * rule routes it to (the validate function), which starts an execution, queues the file for its
 * dataset's batch, or quarantines it; the queued files are delivered to the function the
 * template subscribes to the queue (the batcher), which closes batches; then every execution
 * started runs: the template's state machine on the local interpreter ({@link LocalPipeline}).
 */
@Command(
        name = "drop",
        mixinStandardHelpOptions = true,
        description = "Drop files (a folder: every file below it) into the local landing bucket and run the"
                + " pipeline until each is curated, quarantined or failed.")
final class DropCommand implements Callable<Integer> {

    /** How often the queues are delivered while files land, so a batch that fills closes as the cloud's would. */
    private static final long DELIVERY_INTERVAL_NANOS = 1_000_000_000L;

    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE|DIR",
            description = "The files to land; a folder lands every regular file below it, in sorted order.")
    List<Path> paths;

    @Option(
            names = "--dataset",
            description = "Dataset of config/datasets.json (default: the one each file's name starts with).")
    String dataset;

    @Option(
            names = "--engine",
            completionCandidates = KnownEngines.class,
            description =
                    "${COMPLETION-CANDIDATES}, in any case: the cloud branch to follow; offline, every engine runs on local Spark.")
    Engine engine;

    @Option(
            names = "--key",
            description =
                    "The landing key to drop one FILE as (default: <dataset prefix><yyyy/MM/dd>/<file name>): any S3 key, up to 1,024 bytes.")
    String key;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "Land the files on this day (a backfill): their keys' day and their landing events' time"
                    + " (default: today, UTC).")
    LocalDate date;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
        DropFiles files = DropFiles.of(paths, key, LandingKeys.of(options.catalog(), dataset, day, options.configFile));
        SamTemplate template = options.template();
        LocalLake lake = new LocalLake(options.lakeDir);
        var report = new RunReport(spec.commandLine().getOut(), options.json, RunReport.onTerminal());
        if (files.size() > 1) {
            report.withoutTimeline();
        }
        LocalPipeline pipeline = options.pipeline(template, lake);
        String landing = pipeline.bucketNames().landing();
        String where =
                options.awsEndpoint == null ? " (lake " + lake.root() + ")" : " (endpoint " + options.awsEndpoint + ")";
        report.note(
                files.size() == 1
                        ? "Dropping " + files.files().get(0).file() + " as s3://" + landing + "/"
                                + files.files().get(0).key() + where
                        : "Dropping " + files.size() + " files into s3://" + landing + "/" + where);

        List<String> batches = new ArrayList<>();
        List<LandedFile> landed = land(files, pipeline, report, day, batches);
        QueueDelivery.Round drained = pipeline.queueDelivery().drain();
        batches.addAll(drained.batches());
        batches.forEach(batch -> report.note("Batch " + batch + " closed by the batcher"));
        drained.failures().forEach(failure -> report.note("Queued files not delivered: " + failure));

        var executions = new DropExecutions(
                pipeline,
                report,
                engine,
                options.awsEndpoint == null ? "the job on local Spark" : "the functions on the endpoint");
        Map<String, ExecutionResult> results = new LinkedHashMap<>();
        List<Optional<String>> executionOfFile = new ArrayList<>();
        for (LandedFile file : landed) {
            Optional<String> name = executions.of(file);
            executionOfFile.add(name);
            name.ifPresent(execution -> results.computeIfAbsent(execution, executions::run));
            if (landed.size() > 1) {
                report.progress(executionOfFile.size(), landed.size());
            }
        }
        // A batch may hold only files an earlier drop queued (and never delivered): started, so run too.
        batches.forEach(batch -> results.computeIfAbsent(batch, executions::run));
        report.endProgress();
        var fates = new FileFates(pipeline.buckets(), pipeline.bucketNames());
        List<FileFate> fateOfFile = new ArrayList<>();
        for (int i = 0; i < landed.size(); i++) {
            fateOfFile.add(fates.of(
                    landed.get(i), executionOfFile.get(i).map(results::get).orElse(null)));
        }
        return new DropReport(report, pipeline, lake.reports()).finish(fateOfFile, List.copyOf(results.values()));
    }

    /** Lands every file, delivering the queues now and then so that batches that fill close meanwhile. */
    private static List<LandedFile> land(
            DropFiles files, LocalPipeline pipeline, RunReport report, LocalDate day, List<String> batches)
            throws IOException {
        var landing = new FileLanding(pipeline, report);
        QueueDelivery delivery = pipeline.queueDelivery();
        List<LandedFile> landed = new ArrayList<>();
        long delivered = System.nanoTime();
        for (DropFiles.DroppedFile file : files.files()) {
            landed.add(landing.land(file, landingTime(day)));
            if (System.nanoTime() - delivered >= DELIVERY_INTERVAL_NANOS) {
                batches.addAll(delivery.deliverOnce(false).batches());
                delivered = System.nanoTime();
            }
        }
        return landed;
    }

    /** Now, on {@code day}: the landing event's time, in whole seconds as EventBridge writes it. */
    private static Instant landingTime(LocalDate day) {
        return day.atTime(LocalTime.now(ZoneOffset.UTC))
                .toInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
    }
}

package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.ValidationReportJson;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.landing.ValidationReport;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code invoke FUNCTION -e EVENT.json}: one function of the template, as {@code sam local invoke}
 * runs it, in-process on the local adapters. The answer is printed as the function wrote it; a
 * function error is reported as the Lambda runtime reports it. Executions the function starts (the
 * validate function's for a file, the batcher's for a batch) are not run: their inputs are saved
 * under {@code <lake>/_executions/} for {@code execute -i}. A file the validate function queues
 * for a batch stays on the intake queue, where {@code drop} delivers it.
 */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = "Invoke one function of the template with an event, in-process, as sam local invoke does.")
final class InvokeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "FUNCTION_LOGICAL_ID",
            description = "The function's logical id in the template.")
    String function;

    @Option(
            names = {"-e", "--event"},
            required = true,
            paramLabel = "EVENT.json",
            description = "The event to invoke it with.")
    Path eventFile;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() throws IOException {
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (IOException e) {
            throw new PipelineLocal.UsageError("cannot read " + eventFile);
        }
        SamTemplate template = options.template();
        if (!template.functions().containsKey(function)) {
            throw new PipelineLocal.UsageError("the template has no function " + function + "; it has "
                    + template.functions().keySet());
        }
        LocalLake lake = new LocalLake(options.lakeDir);
        var pipeline = options.pipeline(template, lake);
        if (!pipeline.functions().names().contains(function)) {
            throw new PipelineLocal.UsageError(function + " acts on AWS only and has no local adapters; offline, "
                    + pipeline.functions().names() + " can be invoked");
        }
        var report = new RunReport(spec.commandLine().getOut(), options.json, RunReport.onTerminal());

        long started = System.nanoTime();
        byte[] response;
        try {
            response = pipeline.functions().invoke(function, event);
        } catch (StatesError failure) {
            report.state(function, "FAILED", millisSince(started));
            report.detail("response", parsedOrText(failure.cause()), false);
            report.finish(RunReport.Status.FAILED, null, List.of(), failure.error(), failure.cause(), null, 0);
            return 1;
        }
        report.state(function, "OK", millisSince(started));
        report.detail("response", parsedOrText(new String(response, StandardCharsets.UTF_8)), true);
        explainMissing(report, lake, response);
        explainQueued(report, response);
        ArrayNode executions = JSON.createArrayNode();
        for (String name : startedBy(response)) {
            ExecutionInput input = pipeline.started(name).orElseThrow();
            Path saved = lake.root().resolve("_executions").resolve(name + ".json");
            Files.createDirectories(saved.getParent());
            Files.write(
                    saved, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ExecutionInputJson.fields(input)));
            executions.addObject().put("name", name).put("input", saved.toString());
            report.note("Started execution " + name + "; run it with: bin/pipeline-local execute -i " + saved);
        }
        report.detail("executionsStarted", executions, false);
        report.detail("jobsWaitedFor", waitForJobs(report), false);
        report.finish(RunReport.Status.SUCCEEDED, null, List.of(), null, null, null, 0);
        return 0;
    }

    /**
     * A function such as SubmitJobFunction starts a job on local Spark. Lambda's invocation would
     * return and leave the job to the engine; here the engine is this process, so the command waits
     * for the job to end (its deadline still applies: it is the job's own) and says so, rather than
     * leaving a JVM writing curated files that no execution records.
     */
    private ArrayNode waitForJobs(RunReport report) {
        ArrayNode waited = JSON.createArrayNode();
        for (var job : options.runningJobs()) {
            report.note("Waiting for the local Spark job the function started (pid "
                    + job.process().pid() + ", log " + job.log() + ")");
            try {
                int exit = job.process().waitFor();
                report.note("The local Spark job ended with exit code " + exit);
                waited.addObject()
                        .put("pid", job.process().pid())
                        .put("exitCode", exit)
                        .put("log", job.log().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.process().destroyForcibly();
                waited.addObject()
                        .put("pid", job.process().pid())
                        .put("cancelled", true)
                        .put("log", job.log().toString());
            }
        }
        return waited;
    }

    /**
     * The function returned, so the invocation succeeded, but a file it reports MISSING is not in
     * the lake: say where it was looked for, so a sample event is not mistaken for a run.
     */
    private static void explainMissing(RunReport report, LocalLake lake, byte[] response) {
        for (FileOutcome file : filesIn(response)) {
            if (file.outcome() == FileOutcome.Outcome.MISSING) {
                String bucket = file.bucket();
                String key = file.key();
                report.note("MISSING: s3://" + bucket + "/" + key + " is not in the lake at " + lake.file(bucket, key)
                        + " (or not at the version the event names: the local lake keeps one version, with no id)."
                        + " Put the file there and use an event without a version id, or use drop.");
            }
        }
    }

    /** A queued file waits for the batcher: say where, and how it gets there. */
    private static void explainQueued(RunReport report, byte[] response) {
        for (FileOutcome file : filesIn(response)) {
            if (file.outcome() == FileOutcome.Outcome.QUEUED) {
                report.note("QUEUED: s3://" + file.bucket() + "/" + file.key()
                        + " waits on the intake queue for the next"
                        + " batch of " + file.dataset() + "; drop delivers the queue to BatcherFunction, which closes"
                        + " the batch and starts its execution");
            }
        }
    }

    /**
     * The executions an answer reports it started: a validate answer's ACCEPTED files', a batcher
     * answer's batches that were not closed before.
     */
    private static List<String> startedBy(byte[] response) {
        List<String> names = new ArrayList<>();
        for (FileOutcome file : filesIn(response)) {
            if (file.outcome() == FileOutcome.Outcome.ACCEPTED) {
                names.add(file.executionName());
            }
        }
        try {
            JsonNode answer = JSON.readTree(response);
            for (JsonNode batch : answer == null ? JSON.createArrayNode() : answer.path("batches")) {
                if (!batch.path("duplicate").asBoolean()) {
                    names.add(batch.path("id").asText());
                }
            }
        } catch (IOException notJson) {
            // An answer that is not JSON reports no batches.
        }
        return names;
    }

    /** The files a validate answer reports; another function's answer reports none. */
    private static List<FileOutcome> filesIn(byte[] response) {
        return ValidationReportJson.readAnswer(response)
                .map(ValidationReport::files)
                .orElse(List.of());
    }

    private static JsonNode parsedOrText(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return TextNode.valueOf(text);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.intake.BatchCloser;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.landing.FileOutcome;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.report.ExecutionPath;
import dev.sparkpipeline.local.runner.ExecutionLedger;
import dev.sparkpipeline.local.runner.LocalPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The executions a drop's files went to, run to their end on the local interpreter as Step
 * Functions would run them once started. The lake's ledger says which ran before: a file that is a
 * repeat of an object version (or a member of a batch) that already ran is reported as it ended;
 * one whose runner died is recorded aborted and run again; one another runner runs now is left to it.
 */
final class DropExecutions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPipeline pipeline;
    private final RunReport report;
    private final Engine engine;
    private final String where;

    /**
     * @param engine the engine to run on instead of the input's ({@code --engine}), or null
     * @param where  where the job runs, for people ({@code the job on local Spark})
     */
    DropExecutions(LocalPipeline pipeline, RunReport report, Engine engine, String where) {
        this.pipeline = pipeline;
        this.report = report;
        this.engine = engine;
        this.where = where;
    }

    /**
     * The execution a landed file went to: the one the validate function started for it, or the
     * batch that claimed it; empty for a file quarantined, gone, or still waiting for its batch.
     */
    Optional<String> of(LandedFile file) {
        FileOutcome outcome = file.outcome();
        if (outcome == null
                || outcome.outcome() == FileOutcome.Outcome.QUARANTINED
                || outcome.outcome() == FileOutcome.Outcome.MISSING) {
            return Optional.empty();
        }
        if (outcome.executionName() != null) {
            return Optional.of(outcome.executionName());
        }
        // Queued for a batch: the batcher's claim of the file names the batch, which is its execution's name.
        String claim = BatchCloser.claimKey(outcome.dataset(), file.identity());
        return pipeline.buckets()
                .read(pipeline.bucketNames().curated(), claim)
                .map(json -> readTree(json).path("batch").asText(null));
    }

    /** Runs the execution {@code name} unless it ran before or runs elsewhere; answers how it ended. */
    ExecutionResult run(String name) {
        Optional<ExecutionLedger.Entry> earlier = pipeline.ledger().find(name);
        // The ledger's input first: a repeated start carries this drop's landing time, the run the first one's.
        Optional<ExecutionInput> input =
                earlier.map(entry -> inputOf(entry.input())).or(() -> pipeline.started(name));
        if (earlier.isPresent() && earlier.get().status().ended()) {
            ExecutionLedger.Entry entry = earlier.get();
            report.note((input.isPresent() && input.get().isBatch() ? "This batch" : "This object version")
                    + " already ran as execution " + name + " (" + entry.status() + " at " + entry.at()
                    + "): nothing to do."
                    + (entry.status() == ExecutionLedger.Status.SUCCEEDED
                            ? ""
                            : " To run its file again: bin/pipeline-local replay"));
            return new ExecutionResult(
                    name,
                    input.orElse(null),
                    ExecutionResult.How.RAN_BEFORE,
                    entry.status().name(),
                    entry.error(),
                    entry.cause(),
                    null,
                    entry,
                    null);
        }
        if (earlier.isPresent()
                && earlier.get().status() == ExecutionLedger.Status.RUNNING
                && earlier.get().runnerAlive()) {
            return new ExecutionResult(
                    name,
                    input.orElse(null),
                    ExecutionResult.How.RUNNING_ELSEWHERE,
                    null,
                    "DUPLICATE",
                    "this object version is being run now, by process "
                            + earlier.get().runnerPid(),
                    null,
                    earlier.get(),
                    null);
        }
        if (input.isEmpty()) {
            return new ExecutionResult(
                    name,
                    null,
                    ExecutionResult.How.UNKNOWN,
                    null,
                    "NoInput",
                    "the runner knows no input of execution " + name,
                    null,
                    null,
                    null);
        }
        if (earlier.isPresent() && earlier.get().status() == ExecutionLedger.Status.RUNNING) {
            pipeline.ledger()
                    .aborted(
                            name,
                            earlier.get().input(),
                            "its runner (process " + earlier.get().runnerPid()
                                    + ") stopped before the execution ended");
            report.note("Execution " + name + " never ended: its runner (process "
                    + earlier.get().runnerPid() + ") stopped. Recorded as aborted; running it again.");
        } else if (earlier.isPresent()
                && earlier.get().runnerPid() != ProcessHandle.current().pid()) {
            report.note("Execution " + name + " was started but never run; running it now.");
        }
        return execute(name, engine != null ? input.get().withEngine(engine) : input.get());
    }

    private ExecutionResult execute(String name, ExecutionInput input) {
        if (report.showsTimeline()) {
            report.note("Execution " + name + " on " + input.engine() + " (the state machine on the local interpreter, "
                    + where + ")");
        }
        long started = System.nanoTime();
        JsonNode document = JSON.valueToTree(ExecutionInputJson.fields(input));
        pipeline.missingInTheCloud(document).ifPresent(report::warn);
        RunReport.Timeline timeline = report.live(pipeline.definition());
        Execution execution = pipeline.execute(name, document, timeline);
        timeline.end(execution.status());
        Manifest manifest = execution.status().equals("SUCCEEDED") ? manifest(name, input.dataset()) : null;
        var result = new ExecutionResult(
                name,
                input,
                ExecutionResult.How.RAN,
                execution.status(),
                execution.error(),
                execution.cause(),
                manifest,
                null,
                ExecutionPath.of(name, pipeline.definition(), execution));
        if (!report.showsTimeline()) {
            report.note(String.format(
                    "  %-80s %-10s %4d file%s %8.1f s",
                    name,
                    execution.status(),
                    result.files(),
                    result.files() == 1 ? " " : "s",
                    (System.nanoTime() - started) / 1e9));
        }
        return result;
    }

    private Manifest manifest(String name, String dataset) {
        String key = dataset + "/" + Manifest.relativePath(name);
        return ManifestJson.read(pipeline.buckets()
                .read(pipeline.bucketNames().curated(), key)
                .orElseThrow(() -> new IllegalStateException("the run succeeded without a manifest for " + name)));
    }

    private static ExecutionInput inputOf(JsonNode saved) {
        try {
            return ExecutionInputJson.read(JSON.writeValueAsBytes(saved));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

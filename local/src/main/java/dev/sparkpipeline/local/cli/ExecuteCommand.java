package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.report.ExecutionPath;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code execute -i INPUT.json}: a manual execution, as {@code aws stepfunctions start-execution}
 * would start, of the template's state machine on the local interpreter, with the template's
 * functions in-process and the curate job on local Spark. The source named in the input must be
 * in the local lake ({@code <lake>/<bucket>/<key>}).
 */
@Command(
        name = "execute",
        mixinStandardHelpOptions = true,
        description = "Run the state machine on an execution input, on the local interpreter.")
final class ExecuteCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "INPUT.json",
            description = "The execution input.")
    Path inputFile;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        JsonNode input;
        try {
            input = JSON.readTree(Files.readAllBytes(inputFile));
        } catch (IOException e) {
            throw new PipelineLocal.UsageError("cannot read " + inputFile + " as JSON");
        }
        SamTemplate template = options.template();
        var report = new RunReport(spec.commandLine().getOut(), options.json, RunReport.onTerminal());
        String name = "manual-" + Instant.now().toEpochMilli();
        LocalLake lake = new LocalLake(options.lakeDir);
        var pipeline = options.pipeline(template, lake);

        pipeline.missingInTheCloud(input).ifPresent(report::warn);
        Execution execution;
        RunReport.Timeline timeline = report.live(pipeline.definition());
        try {
            execution = pipeline.execute(name, input, timeline);
        } catch (IllegalArgumentException refused) {
            throw new PipelineLocal.UsageError(refused.getMessage());
        }
        timeline.end(execution.status());
        boolean succeeded = execution.status().equals("SUCCEEDED");
        new DropReport(report, pipeline, lake.reports())
                .execution(
                        input.path("dataset").asText(""),
                        input.path("engine").asText(Engine.DEFAULT.name()),
                        ExecutionPath.of(name, pipeline.definition(), execution),
                        () -> finish(report, name, execution));
        return succeeded ? 0 : 1;
    }

    private static void finish(RunReport report, String name, Execution execution) {
        if (execution.status().equals("SUCCEEDED")) {
            JsonNode publication = execution.output().path("publication");
            List<String> outputs = new ArrayList<>();
            if (publication.has("curated")) {
                outputs.add(publication.path("curated").asText());
            }
            report.finish(
                    RunReport.Status.SUCCEEDED,
                    name,
                    outputs,
                    null,
                    null,
                    null,
                    publication.path("rows").path("out").asLong());
        } else {
            report.finish(RunReport.Status.FAILED, name, List.of(), execution.error(), execution.cause(), null, 0);
        }
    }
}

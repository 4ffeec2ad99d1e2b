package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.asl.HistoryEvent;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.template.SamTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code execute -i INPUT.json}: a manual execution, as {@code aws stepfunctions start-execution}
 * would start, of the template's state machine on the local interpreter, with the template's
 * functions in-process and the curate job on local Spark. The source named in the input must be
 * in the local lake ({@code <lake>/<bucket>/<key>}).
 */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = "Run the state machine on an execution input, offline.")
final class ExecuteCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "INPUT.json", description = "The execution input.")
    Path inputFile;

    @Option(names = "--lake", defaultValue = ".local-lake", description = "The local lake folder (default: ${DEFAULT-VALUE}).")
    Path lakeDir;

    @Option(names = "--template", defaultValue = "template.yaml", description = "The SAM template (default: ${DEFAULT-VALUE}).")
    Path templateFile;

    @Option(names = "--json", description = "Print exactly one JSON object instead of the timeline.")
    boolean json;

    @Override
    public Integer call() {
        JsonNode input;
        try {
            input = JSON.readTree(Files.readAllBytes(inputFile));
        } catch (IOException e) {
            throw new PipelineLocal.UsageError("cannot read " + inputFile + " as JSON");
        }
        if (!Files.isRegularFile(templateFile)) {
            throw new PipelineLocal.UsageError("no SAM template at " + templateFile + " (run from the repository root or pass --template)");
        }
        var report = new RunReport(spec.commandLine().getOut(), json);
        String name = "manual-" + Instant.now().toEpochMilli();
        var pipeline = new LocalPipeline(SamTemplate.read(templateFile), new LocalLake(lakeDir), System.getProperty("java.class.path"));

        Execution execution = pipeline.execute(name, input);

        timeline(execution).forEach(state -> report.state(state.name, state.status, state.ms));
        if (execution.status().equals("SUCCEEDED")) {
            JsonNode publication = execution.output().path("publication");
            List<String> outputs = new ArrayList<>();
            if (publication.has("curated")) {
                outputs.add(publication.path("curated").asText());
            }
            report.finish(RunReport.Status.SUCCEEDED, name, outputs, null, null, null, publication.path("rows").path("out").asLong());
            return 0;
        }
        report.finish(RunReport.Status.FAILED, name, List.of(), execution.error(), execution.cause(), null, 0);
        return 1;
    }

    private record TimedState(String name, String status, long ms) {
    }

    /** Each state entered, how it ended, and how long it took, from the history. */
    private static List<TimedState> timeline(Execution execution) {
        List<TimedState> states = new ArrayList<>();
        Map<String, Instant> entered = new HashMap<>();
        for (HistoryEvent event : execution.history()) {
            if (event.type() == HistoryEvent.Type.STATE_ENTERED) {
                entered.put(event.state(), event.at());
            } else if (event.type() == HistoryEvent.Type.STATE_EXITED) {
                states.add(new TimedState(event.state(), "OK", Duration.between(entered.get(event.state()), event.at()).toMillis()));
            }
        }
        execution.history().stream().filter(e -> e.type() == HistoryEvent.Type.STATE_ENTERED).reduce((a, b) -> b)
                .filter(last -> states.isEmpty() || !states.get(states.size() - 1).name.equals(last.state()))
                .ifPresent(last -> states.add(new TimedState(last.state(), execution.status(), 0)));
        return states;
    }
}

package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.local.template.SamTemplate;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The options every command that runs the pipeline takes: the lake, the template, the output form. */
final class RunOptions {

    @Option(names = "--lake", defaultValue = ".local-lake", description = "The local lake folder (default: ${DEFAULT-VALUE}).")
    Path lakeDir;

    @Option(names = "--template", description = "The SAM template (default: the repository's template.yaml).")
    Path templateFile = RunReport.defaultTemplate();

    @Option(names = "--json", description = "Print exactly one JSON object instead of the timeline.")
    boolean json;

    /** The template, or a usage error naming where it was looked for. */
    SamTemplate template() {
        if (!Files.isRegularFile(templateFile)) {
            throw new PipelineLocal.UsageError("no SAM template at " + templateFile + " (run from the repository root or pass --template)");
        }
        return SamTemplate.read(templateFile);
    }
}

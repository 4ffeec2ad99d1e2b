package dev.sparkpipeline.local.cli;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.local.endpoint.EndpointStack;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import dev.sparkpipeline.local.template.SamTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The options every command that runs the pipeline takes: the lake, the template, the output form, the endpoint. */
final class RunOptions {

    @Option(
            names = "--lake",
            defaultValue = ".local-lake",
            description = "The local lake folder (default: ${DEFAULT-VALUE}).")
    Path lakeDir;

    @Option(names = "--template", description = "The SAM template (default: the repository's template.yaml).")
    Path templateFile = RunReport.defaultTemplate();

    @Option(names = "--json", description = "Print exactly one JSON object instead of the timeline.")
    boolean json;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The datasets configuration, read at run time "
                    + "(default: the repository's config/datasets.json).")
    Path configFile = DatasetsConfigFile.defaultFile();

    @Option(
            names = "--aws-endpoint",
            paramLabel = "URL",
            converter = RunOptions.EndpointUrl.class,
            description = "Endpoint mode: the functions run on their AWS "
                    + "adapters against this AWS-compatible endpoint (moto_server, LocalStack), which gets the template's buckets, "
                    + "topic, state machine, EMR Serverless application and Glue job and database; the state machine still runs on "
                    + "the local interpreter, and jobs the endpoint reports finished run on local Spark.")
    URI awsEndpoint;

    private DatasetCatalog catalog;

    /** The local Spark launcher the last {@link #pipeline} runs its jobs with. */
    private LocalSparkJob job;

    /** The local jobs still running, started by the pipeline this built. */
    List<LocalSparkJob.Started> runningJobs() {
        return job == null ? List.of() : job.running();
    }

    /** The datasets of {@code --config}, or a usage error naming the file and the field. */
    DatasetCatalog catalog() {
        // Read once per command: drop routes the file with it, then the pipeline's validator uses the same.
        if (catalog == null) {
            catalog = DatasetsConfigFile.read(configFile);
        }
        return catalog;
    }

    /** The pipeline offline, or on the endpoint when {@code --aws-endpoint} is given, with the datasets of {@code --config}. */
    LocalPipeline pipeline(SamTemplate template, LocalLake lake) {
        if (Files.exists(lake.root()) && !Files.isDirectory(lake.root())) {
            throw new PipelineLocal.UsageError("--lake " + lakeDir + " is not a folder");
        }
        // Read here so that an invalid file is a usage error before anything runs; the functions read it again.
        catalog();
        job = LocalSparkJob.forThisJvm().withDatasetsConfig(configFile.toAbsolutePath());
        if (awsEndpoint == null) {
            return LocalPipeline.offline(template, lake, job, configFile.toAbsolutePath());
        }
        EndpointStack stack;
        try {
            stack = EndpointStack.provision(template, awsEndpoint);
        } catch (SdkClientException unreachable) {
            throw new PipelineLocal.UsageError(
                    "cannot reach the AWS endpoint " + awsEndpoint + ": " + unreachable.getMessage());
        } catch (EndpointStack.MissingResource gone) {
            throw new PipelineLocal.UsageError(gone.getMessage());
        }
        return stack.pipeline(template, lake, job, configFile.toAbsolutePath());
    }

    /** The template, or a usage error naming where it was looked for. */
    SamTemplate template() {
        if (!Files.isRegularFile(templateFile)) {
            throw new PipelineLocal.UsageError(
                    "no SAM template at " + templateFile + " (run from the repository root or pass --template)");
        }
        return SamTemplate.read(templateFile);
    }

    /** {@code --aws-endpoint}: an http:// or https:// URL with a host, or a usage error saying so. */
    static final class EndpointUrl implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Refused below, with the same words as any other malformed endpoint.
            }
            throw new CommandLine.TypeConversionException(value + " is not an http:// or https:// URL with a host");
        }
    }
}

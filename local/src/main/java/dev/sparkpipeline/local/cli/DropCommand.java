package dev.sparkpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;
import dev.sparkpipeline.core.storage.StoredObject;
import dev.sparkpipeline.local.lake.FolderObjectStore;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.core.json.ContractJson;
import dev.sparkpipeline.local.asl.Execution;
import dev.sparkpipeline.local.runner.LocalPipeline;
import dev.sparkpipeline.local.template.SamTemplate;
import dev.sparkpipeline.validate.ValidateObjectHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code drop FILE}: lands a file in the local landing bucket and runs the pipeline on it: the
 * validate function on the S3 event S3 would send, then, for an accepted file, the execution it
 * started: the template's state machine on the local interpreter ({@link LocalPipeline}).
 */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = "Drop FILE into the local landing bucket and run the pipeline on it.")
final class DropCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to land.")
    Path file;

    @Option(names = "--dataset", description = "Dataset of config/datasets.json (default: the one the file name starts with).")
    String dataset;

    @Option(names = "--engine", description = "EMR_SERVERLESS, GLUE, EMR or LOCAL: the cloud branch to follow; every engine runs on local Spark here.")
    Engine engine;

    @Option(names = "--lake", defaultValue = ".local-lake", description = "The local lake folder (default: ${DEFAULT-VALUE}).")
    Path lakeDir;

    @Option(names = "--json", description = "Print exactly one JSON object instead of the timeline.")
    boolean json;

    @Option(names = "--template", description = "The SAM template (default: the repository's template.yaml).")
    Path templateFile = RunReport.defaultTemplate();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PipelineLocal.UsageError("cannot read " + file);
        }
        if (!Files.isRegularFile(templateFile)) {
            throw new PipelineLocal.UsageError("no SAM template at " + templateFile + " (pass --template)");
        }
        DatasetCatalog catalog = DatasetCatalog.bundled();
        String key = landingKey(catalog, file.getFileName().toString(), Instant.now());
        LocalLake lake = new LocalLake(lakeDir);
        var report = new RunReport(spec.commandLine().getOut(), json);
        report.note("Dropping " + file + " as s3://" + LocalLake.LANDING + "/" + key + " (lake " + lake.root() + ")");
        Path landed = lake.file(LocalLake.LANDING, key);
        Files.createDirectories(landed.getParent());
        Files.copy(file, landed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        var store = new FolderObjectStore(lake);
        var starter = new RecordingExecutionStarter();
        Path logs = lake.root().resolve("_logs");
        Files.createDirectories(logs);
        var handler = new ValidateObjectHandler(new LandingValidator(store, starter, new LandingRules(catalog),
                new QuarantineWriter(store, LocalLake.QUARANTINE, "quarantine/", false),
                new EventLog("validate", line -> append(logs.resolve("functions.log"), line), Clock.systemUTC()),
                new Metrics("SparkPipeline", "validate", line -> append(logs.resolve("metrics.log"), line), Clock.systemUTC())));

        long started = System.nanoTime();
        JsonNode outcome = invoke(handler, s3Event(key, store.head(LocalLake.LANDING, key, null).orElseThrow()));
        report.state("ValidateFunction", outcome.path("outcome").asText(), millisSince(started));

        if ("QUARANTINED".equals(outcome.path("outcome").asText())) {
            String reason = localUri(lake, outcome.path("reasonUri").asText());
            report.finish(RunReport.Status.QUARANTINED, null, List.of(), null, null, reason, 0);
            return 1;
        }
        String executionName = outcome.path("executionName").asText();
        ObjectNode input = (ObjectNode) JSON.valueToTree(ContractJson.write(starter.started().get(executionName)));
        if (engine != null) {
            input.put("engine", engine.name());
        }
        report.note("Execution " + executionName + " on " + input.path("engine").asText() + " (the state machine on the local interpreter, the job on local Spark)");

        var pipeline = new LocalPipeline(SamTemplate.read(templateFile), lake, System.getProperty("java.class.path"));
        Execution execution = pipeline.execute(executionName, input);
        report.states(execution);
        if (!execution.status().equals("SUCCEEDED")) {
            report.finish(RunReport.Status.FAILED, executionName, List.of(), execution.error(), execution.cause(), null, 0);
            return 1;
        }
        String dataset = input.path("dataset").asText();
        JsonNode manifest = JSON.readTree(lake.file(LocalLake.CURATED, dataset + "/_manifests/"
                + executionName + ".json").toFile());
        List<String> outputs = new ArrayList<>();
        manifest.path("files").forEach(name -> outputs.add(lake.uri(LocalLake.CURATED, dataset + "/" + name.asText())));
        report.finish(RunReport.Status.SUCCEEDED, executionName, outputs, null, null, null, manifest.path("rows").path("out").asLong());
        return 0;
    }

    /** {@code <dataset prefix>yyyy/MM/dd/<file>}; a file of no known dataset lands at the bucket root. */
    private String landingKey(DatasetCatalog catalog, String fileName, Instant now) {
        DatasetSpec chosen;
        if (dataset != null) {
            chosen = catalog.named(dataset).orElseThrow(() -> new PipelineLocal.UsageError(
                    "unknown dataset " + dataset + "; config/datasets.json has " + names(catalog)));
        } else {
            String lower = fileName.toLowerCase(Locale.ROOT);
            chosen = catalog.all().stream().filter(spec -> lower.startsWith(spec.name())).findFirst().orElse(null);
        }
        return chosen == null ? fileName : chosen.prefix() + DAY.format(now) + "/" + fileName;
    }

    private static List<String> names(DatasetCatalog catalog) {
        return catalog.all().stream().map(DatasetSpec::name).sorted().toList();
    }

    /** The S3 event notification S3 would send for this object (keys form-URL-encoded). */
    private static byte[] s3Event(String key, StoredObject object) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode record = mapper.createObjectNode();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "local")
                .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", LocalLake.LANDING).put("arn", "arn:aws:s3:::" + LocalLake.LANDING);
        s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", object.size()).put("eTag", object.etag()).put("sequencer", Long.toHexString(System.nanoTime()));
        ObjectNode event = mapper.createObjectNode();
        event.putArray("Records").add(record);
        return mapper.writeValueAsBytes(event);
    }

    private static JsonNode invoke(ValidateObjectHandler handler, byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray()).path("files").path(0);
    }

    private static String localUri(LocalLake lake, String s3Uri) {
        String path = s3Uri.substring("s3://".length());
        int slash = path.indexOf('/');
        return lake.uri(path.substring(0, slash), path.substring(slash + 1));
    }

    private static void append(Path log, String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}

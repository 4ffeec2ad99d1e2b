package dev.sparkpipeline.local.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.engine.TableWrite;
import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.spark.LocalBatchView;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Spark work an emulator does not do. An emulator's engine records a job run and reports it
 * finished ({@code moto_server}'s EMR Serverless runs succeed at once) without running Spark. So
 * when the tracker first reports a job SUCCEEDED, this runs the curate job it was submitted with
 * on local Spark, reading the source from the endpoint's landing bucket (a batch: each member, and
 * the job reads the manifest's {@code LocalBatchView}) and writing the curated
 * files and manifest to the endpoint's curated bucket, before the state machine sees the answer.
 * A job the local run fails leaves no manifest, and the publish step fails with that reason.
 *
 * <p>It watches the state machine's function calls and nothing else: the submit event (an
 * {@code executionName} and its {@code input}) and the tracker's answers ({@code handle} and
 * {@code status}), the contracts docs/architecture.md describes.
 */
final class JobsOnLocalSpark implements TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskRunner tasks;
    private final S3Client s3;
    private final String curatedBucket;
    private final LocalSparkJob job;
    private final Path work;
    private final Map<String, ExecutionInput> submitted = new HashMap<>();
    private final Set<String> ran = new HashSet<>();

    JobsOnLocalSpark(TaskRunner tasks, S3Client s3, String curatedBucket, LocalSparkJob job, Path work) {
        this.tasks = tasks;
        this.s3 = s3;
        this.curatedBucket = curatedBucket;
        this.job = job;
        this.work = work;
    }

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        JsonNode result = tasks.run(resource, parameters);
        if (!resource.equals("arn:aws:states:::lambda:invoke")) {
            return result;
        }
        JsonNode event = parameters.path("Payload");
        Optional<JobRun> run = jobRun(result.path("Payload"));
        if (run.isEmpty()) {
            return result;
        }
        String runId = run.get().handle().runId();
        if (event.has("executionName") && event.has("input")) {
            submitted.put(runId, ExecutionInputJson.read(object(event.path("input"))));
        }
        boolean succeeded = run.get().status() != null && run.get().status().state() == NormalisedState.SUCCEEDED;
        if (succeeded && submitted.containsKey(runId) && ran.add(runId)) {
            runLocally(runId, submitted.get(runId));
        }
        return result;
    }

    /** The answer as a job run (submit's and track's); the other functions' answers are none. */
    private static Optional<JobRun> jobRun(JsonNode answer) {
        try {
            return Optional.of(JobRunJson.read(object(answer)));
        } catch (InvalidInput notARun) {
            return Optional.empty();
        }
    }

    private static JsonObject object(JsonNode node) {
        try {
            return JsonObject.parse(JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runLocally(String runId, ExecutionInput input) {
        String dataset = input.dataset();
        // One lake for every run's table, which accumulates across runs as the cloud's does; each run's source its own.
        var lake = new LocalLake(work.resolve("lake"));
        var sources = new LocalLake(work.resolve("sources").resolve(runId));
        try {
            Path source = download(sources, input.source());
            String jobInput = input.isBatch()
                    ? batchView(runId, source, sources)
                    : sources.jobPath(input.source().bucket(), input.source().key());
            IcebergCatalog catalog = lake.tables(curatedBucket);
            var call = new CurateJobCall(
                    jobInput,
                    lake.jobPath(curatedBucket, dataset),
                    dataset,
                    runId,
                    TableWrite.of(catalog.table(dataset), input.source(), TableUpkeep.DEFAULT),
                    input.job().arguments(),
                    input.isBatch());
            Process process = job.start(call, catalog.sparkConf(), lake.root().resolve("_logs/" + runId + ".log"));
            process.waitFor();
            Path output = lake.file(curatedBucket, dataset);
            if (Files.isDirectory(output)) {
                upload(output, dataset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run job " + runId + " on local Spark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while job " + runId + " ran on local Spark", e);
        }
    }

    /** A copy of the object version from the endpoint, at its file in {@code sources}. */
    private Path download(LocalLake sources, SourceObject object) throws IOException {
        Path file = sources.file(object.bucket(), object.key());
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        s3.getObject(
                request -> request.bucket(object.bucket()).key(object.key()).versionId(object.versionId()), file);
        return file;
    }

    /**
     * A batch's members, downloaded beside its manifest, and the manifest's view that names them
     * ({@link LocalBatchView}), outside the run's copies of the buckets.
     */
    private String batchView(String runId, Path manifestFile, LocalLake sources) throws IOException {
        BatchManifest manifest = BatchManifestJson.read(Files.readAllBytes(manifestFile));
        Map<SourceObject, Path> files = new HashMap<>();
        for (SourceObject member : manifest.files()) {
            files.put(member, download(sources, member));
        }
        return LocalBatchView.write(manifest, files::get, work.resolve("views").resolve(runId + ".json"));
    }

    private void upload(Path output, String dataset) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".crc"))
                    .toList();
        }
        for (Path file : files) {
            String key = dataset + "/" + output.relativize(file).toString().replace('\\', '/');
            s3.putObject(request -> request.bucket(curatedBucket).key(key), RequestBody.fromFile(file));
        }
    }
}

package dev.sparkpipeline.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.spark.LocalSparkJob;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Spark work an emulator does not do. An emulator's engine records a job run and reports it
 * finished ({@code moto_server}'s EMR Serverless runs succeed at once) without running Spark. So
 * when the tracker first reports a job SUCCEEDED, this runs the curate job it was submitted with
 * on local Spark, reading the source from the endpoint's landing bucket and writing the curated
 * files and manifest to the endpoint's curated bucket, before the state machine sees the answer.
 * A job the local run fails leaves no manifest, and the publish step fails with that reason.
 *
 * <p>It watches the state machine's function calls and nothing else: the submit event (an
 * {@code executionName} and its {@code input}) and the tracker's answers ({@code handle} and
 * {@code status}), the contracts of DESIGN §3.
 */
final class JobsOnLocalSpark implements TaskRunner {

    private final TaskRunner tasks;
    private final S3Client s3;
    private final String curatedBucket;
    private final LocalSparkJob job;
    private final Path work;
    private final Map<String, JsonNode> submitted = new HashMap<>();
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
        JsonNode answer = result.path("Payload");
        String runId = answer.path("handle").path("runId").asText(null);
        if (runId == null) {
            return result;
        }
        if (event.has("executionName") && event.path("input").has("source")) {
            submitted.put(runId, event.path("input"));
        }
        boolean succeeded = answer.path("status").path("state").asText().equals(NormalisedState.SUCCEEDED.name());
        if (succeeded && submitted.containsKey(runId) && ran.add(runId)) {
            runLocally(runId, submitted.get(runId));
        }
        return result;
    }

    private void runLocally(String runId, JsonNode input) {
        String dataset = input.path("dataset").asText();
        String sourceBucket = input.path("source").path("bucket").asText();
        String sourceKey = input.path("source").path("key").asText();
        var lake = new LocalLake(work.resolve(runId));
        try {
            Path source = lake.file(sourceBucket, sourceKey);
            Files.createDirectories(source.getParent());
            Files.deleteIfExists(source);
            s3.getObject(request -> request.bucket(sourceBucket).key(sourceKey), source);
            Process process = job.start(lake.jobPath(sourceBucket, sourceKey), lake.jobPath(curatedBucket, dataset), dataset, runId,
                    lake.root().resolve("job.log"));
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

    private void upload(Path output, String dataset) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".crc")).toList();
        }
        for (Path file : files) {
            String key = dataset + "/" + output.relativize(file).toString().replace('\\', '/');
            s3.putObject(request -> request.bucket(curatedBucket).key(key), RequestBody.fromFile(file));
        }
    }
}

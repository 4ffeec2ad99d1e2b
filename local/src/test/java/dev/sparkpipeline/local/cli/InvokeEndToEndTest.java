package dev.sparkpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.json.QueuedFileJson;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.template.BucketNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline-local invoke}: one function of the template on an event, as {@code sam local invoke} runs it. */
class InvokeEndToEndTest {

    private static final BucketNames BUCKETS = ProjectFiles.buckets();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @Test
    void theValidateFunctionAcceptsAFileOfAPerFileDatasetAndSavesTheExecutionItStarts() throws IOException {
        String key = "customers/2026/11/22/customers-002.csv";
        land(key, ProjectFiles.root().resolve("events/data/customers.csv"));

        CliRun run = invoke("ValidateFunction", eventFor(key).toString(), "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("states").path(0).path("name").asText()).isEqualTo("ValidateFunction");
        JsonNode file = result.path("response").path("files").path(0);
        assertThat(file.path("outcome").asText()).isEqualTo("ACCEPTED");
        JsonNode saved = JSON.readTree(
                Path.of(result.path("executionsStarted").path(0).path("input").asText())
                        .toFile());
        assertThat(saved.path("dataset").asText()).isEqualTo("customers");
        assertThat(saved.path("source").path("key").asText()).isEqualTo(key);
        assertThat(result.path("executionsStarted").path(0).path("name").asText())
                .isEqualTo(file.path("executionName").asText());
    }

    @Test
    void theValidateFunctionQueuesAFileOfABatchedDatasetOnTheLakesIntakeQueue() throws IOException {
        land("orders/2026/11/22/orders-002.csv", ProjectFiles.root().resolve("events/data/orders.csv"));

        CliRun run = invoke("ValidateFunction", "events/s3-put-unversioned-bucket.json", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("response").path("files").path(0).path("outcome").asText())
                .isEqualTo("QUEUED");
        assertThat(result.path("executionsStarted"))
                .as("a batch starts it, not the file")
                .isEmpty();
        try (Stream<Path> messages = Files.list(lake.resolve("_queues/intake"))) {
            assertThat(messages.map(InvokeEndToEndTest::queuedKey)).containsExactly("orders/2026/11/22/orders-002.csv");
        }
    }

    @Test
    void theBatcherClosesTheQueuedFilesOfItsEventIntoABatchAndSavesTheBatchsExecution() throws IOException {
        CliRun run = invoke(
                "BatcherFunction", eventWithCloseAll("events/sqs-intake.json").toString(), "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode started = JSON.readTree(run.out()).path("executionsStarted");
        assertThat(started).hasSize(1);
        assertThat(started.path(0).path("name").asText()).startsWith("orders-batch-");
        JsonNode saved =
                JSON.readTree(Path.of(started.path(0).path("input").asText()).toFile());
        assertThat(saved.path("batch").path("files").asInt()).isEqualTo(1);
        assertThat(saved.path("source").path("key").asText())
                .isEqualTo("_batches/orders/" + started.path(0).path("name").asText() + ".json");
    }

    @Test
    void theValidateFunctionQuarantinesAnUnsafeKeyWithAReason() throws IOException {
        land("orders/2026/../../etc/passwd.csv", ProjectFiles.root().resolve("events/data/orders.csv"));
        ObjectNode event = (ObjectNode) JSON.readTree(
                ProjectFiles.root().resolve("events/s3-put-unsafe-key.json").toFile());
        // The local lake keeps no versions: the event names the object's only one.
        ((ObjectNode) event.path("Records").path(0).path("s3").path("object")).remove("versionId");
        Path eventFile = lake.resolve("unsafe-key.json");
        JSON.writeValue(eventFile.toFile(), event);

        CliRun run = invoke("ValidateFunction", eventFile.toString(), "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode file = JSON.readTree(run.out()).path("response").path("files").path(0);
        assertThat(file.path("outcome").asText()).isEqualTo("QUARANTINED");
        assertThat(file.path("reasonUri").asText()).startsWith("s3://quarantine-bucket/quarantine/");
    }

    @Test
    void peopleSeeTheTimelineAndTheFunctionsAnswer() {
        CliRun run = invoke("ValidateFunction", "events/s3-test-event.json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ValidateFunction").contains("{\"files\":[]");
    }

    @Test
    void invokingTheSubmitFunctionWaitsForTheLocalJobItStartedInsteadOfLeavingItRunning() throws IOException {
        land("orders/2026/11/22/orders-001.csv", ProjectFiles.root().resolve("events/data/orders.csv"));

        CliRun run = invoke("SubmitJobFunction", "events/submit-glue.json", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode waited = JSON.readTree(run.out()).path("jobsWaitedFor");
        assertThat(waited).hasSize(1);
        assertThat(waited.get(0).path("exitCode").asInt()).isZero();
        assertThat(ProcessHandle.of(waited.get(0).path("pid").asLong()).map(ProcessHandle::isAlive))
                .isNotEqualTo(Optional.of(true));
        assertThat(lake.resolve("curated-bucket/orders/_manifests"))
                .as("the job's output, written before the command returned")
                .isDirectoryContaining(file -> file.getFileName().toString().endsWith(".json"));
    }

    @Test
    void aFunctionErrorExitsOneWithTheErrorTheRuntimeWouldReport() throws IOException {
        Path event = lake.resolve("event.json");
        Files.writeString(event, "{\"engine\": \"GLUE\"}");

        CliRun run = invoke("SubmitJobFunction", event.toString(), "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("error").asText()).isEqualTo("dev.sparkpipeline.core.error.InvalidInput");
        assertThat(result.path("response").path("errorMessage").asText()).isNotBlank();
    }

    @Test
    void aFunctionTheTemplateLacksIsAUsageErrorNamingTheOnesItHas() {
        CliRun run = invoke("NoSuchFunction", "events/s3-put.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("NoSuchFunction")
                .contains("ValidateFunction")
                .doesNotContain("\tat ");
    }

    @Test
    void theReconcilerRunsOfflineOnTheLocalLake() throws IOException {
        CliRun run = invoke("ReconcileFunction", "events/execution-timed-out.json", "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode response = JSON.readTree(run.out()).path("response");
        assertThat(response.path("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(response.path("terminatedClusters")).isEmpty();
        assertThat(response.path("note").asText()).contains("no input");
    }

    @Test
    void anUnreadableEventIsAUsageError() {
        CliRun run = invoke("ValidateFunction", lake.resolve("missing.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }

    /** The unversioned-bucket fixture's event, for {@code key}. */
    private Path eventFor(String key) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(ProjectFiles.root()
                .resolve("events/s3-put-unversioned-bucket.json")
                .toFile());
        ((ObjectNode) event.path("Records").path(0).path("s3").path("object")).put("key", key);
        Path eventFile = lake.resolve("event-" + key.hashCode() + ".json");
        JSON.writeValue(eventFile.toFile(), event);
        return eventFile;
    }

    /** The fixture's event with {@code "closeAll": true}: the batcher closes what it holds at once. */
    private Path eventWithCloseAll(String fixture) throws IOException {
        ObjectNode event =
                (ObjectNode) JSON.readTree(ProjectFiles.root().resolve(fixture).toFile());
        Path eventFile = lake.resolve("close-all.json");
        JSON.writeValue(eventFile.toFile(), event.put("closeAll", true));
        return eventFile;
    }

    private static String queuedKey(Path message) {
        try {
            return QueuedFileJson.read(Files.readAllBytes(message)).source().key();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void land(String key, Path file) throws IOException {
        Path landed = new LocalLake(lake).file(BUCKETS.landing(), key);
        Files.createDirectories(landed.getParent());
        Files.copy(file, landed);
    }

    private CliRun invoke(String function, String event, String... more) {
        Path eventFile = Path.of(event).isAbsolute()
                ? Path.of(event)
                : ProjectFiles.root().resolve(event);
        String[] args = new String[7 + more.length];
        args[0] = "invoke";
        args[1] = function;
        args[2] = "-e";
        args[3] = eventFile.toString();
        args[4] = "--lake";
        args[5] = lake.toString();
        args[6] = "--template=" + ProjectFiles.template();
        System.arraycopy(more, 0, args, 7, more.length);
        return CliRun.of(args);
    }
}

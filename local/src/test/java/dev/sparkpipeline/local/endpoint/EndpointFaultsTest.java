package dev.sparkpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue #8, faults on the whole pipeline: {@code drop --aws-endpoint} with every function on its
 * AWS adapters against {@code moto_server}, behind a proxy that throttles or fails the first,
 * third, fifth... request of every operation. Each run ends as it would without faults, and the
 * retries show in the functions' log (the SDK's) and in the timeline (the state machine's).
 */
class EndpointFaultsTest {

    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    private FaultInjectingProxy proxy;

    @BeforeEach
    void faultEveryOperation() throws IOException {
        MOTO.reset();
        proxy = new FaultInjectingProxy(MOTO.endpoint(), operation -> true);
    }

    @AfterEach
    void everyLandedObjectHasExactlyOneFate(TestInfo test) {
        proxy.close();
        // The figures docs/reliability.md records.
        System.out.printf(
                "%s: %d requests, %d faults injected on %d operations: %s%n",
                test.getDisplayName(),
                proxy.requests().size(),
                proxy.faultsByOperation().values().stream()
                        .mapToLong(Number::longValue)
                        .sum(),
                proxy.faultsByOperation().size(),
                proxy.faultsByOperation());
        try (S3Client s3 = MOTO.clients().s3()) {
            List<String> processed = keys(s3, "curated-bucket", "_processed/");
            List<String> quarantined = keys(s3, "quarantine-bucket", "quarantine/");
            List<String> failed = keys(s3, "quarantine-bucket", "failed/");
            assertThat(keys(s3, "landing-bucket", ""))
                    .isNotEmpty()
                    .allSatisfy(landed -> assertThat(
                                    fates(processed, landed) + fates(quarantined, landed) + fates(failed, landed))
                            .as(landed)
                            .isEqualTo(1));
        }
    }

    /** 1 when a copy of the landed key sits under {@code <prefix>yyyy/MM/dd/} with its reason document. */
    private static int fates(List<String> keys, String landed) {
        return keys.stream().anyMatch(key -> key.endsWith("/" + landed) && keys.contains(key + ".reason.json")) ? 1 : 0;
    }

    @Test
    void aGoodFileIsCuratedPublishedAndArchivedThoughEveryCallIsFaultedOnce() throws IOException {
        JsonNode result = dropThatExits(0, ProjectFiles.root().resolve("events/data/orders.csv"));
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("rows").asLong()).isEqualTo(4);
        assertFaultsInjectedOn(
                "s3:HeadObject",
                "s3:GetObjectRange",
                "states:StartExecution",
                "emr-serverless:StartJobRun",
                "emr-serverless:GetJobRun",
                "s3:GetObject",
                "glue:GetTable",
                "glue:CreateTable",
                "s3:CopyObject",
                "events:PutEvents");

        try (S3Client s3 = MOTO.clients().s3()) {
            assertThat(result.path("outputs")).isNotEmpty().allSatisfy(output -> {
                String key = output.asText().substring("s3://curated-bucket/".length());
                assertThat(s3.headObject(request ->
                                        request.bucket("curated-bucket").key(key))
                                .contentLength())
                        .isPositive();
            });
            assertThat(keys(s3, "curated-bucket", "_processed/"))
                    .as("the source, archived")
                    .anySatisfy(key -> assertThat(key).endsWith("/orders.csv"));
        }
        assertThat(MOTO.clients()
                        .glue()
                        .getTable(request ->
                                request.databaseName("local-CuratedDatabase").name("orders"))
                        .table()
                        .parameters())
                .as("the Iceberg table registered in the Glue Data Catalog")
                .containsEntry("table_type", "ICEBERG")
                .containsKey("metadata_location");

        assertThat(retriedOperations())
                .as("the SDK's retries, in the functions' log")
                .contains(
                        "HeadObject",
                        "GetObject",
                        "StartExecution",
                        "StartJobRun",
                        "GetJobRun",
                        "GetTable",
                        "CreateTable",
                        "CopyObject");
        assertThat(retriesOf(result, "EmitSucceededEvent"))
                .as("the state machine's retry, in the timeline")
                .containsExactly("EventBridge.ThrottlingException");
    }

    @Test
    void aGoodFileOnGlueIsCuratedThoughEveryCallIsFaultedOnce() throws IOException {
        JsonNode result = dropThatExits(0, ProjectFiles.root().resolve("events/data/orders.csv"), "--engine", "GLUE");

        assertThat(result.path("rows").asLong()).isEqualTo(4);
        assertFaultsInjectedOn("glue:StartJobRun", "glue:GetJobRun", "glue:CreateTable");
        assertThat(retriedOperations()).contains("StartJobRun", "GetJobRun");
    }

    @Test
    void aFailedRunIsRecordedAndNotifiedOnceThoughEveryCallIsFaultedOnce() throws IOException {
        JsonNode result = dropThatExits(1, ProjectFiles.root().resolve("events/data/failing/orders-bad-amounts.csv"));
        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertFaultsInjectedOn("s3:CopyObject", "s3:PutObject", "sns:Publish");
        assertThat(notificationsThatReachedTheEndpoint()).isEqualTo(1);
        assertThat(retriesOf(result, "NotifyFailure")).containsExactly("SNS.Throttling");
        try (S3Client s3 = MOTO.clients().s3()) {
            List<String> failed = keys(s3, "quarantine-bucket", "failed/");
            assertThat(failed)
                    .as("the source and its reason, under failed/")
                    .hasSize(2)
                    .anySatisfy(key -> assertThat(key).endsWith("orders-bad-amounts.csv"))
                    .anySatisfy(key -> assertThat(key).endsWith("orders-bad-amounts.csv.reason.json"));
            assertThat(keys(s3, "curated-bucket", "_processed/"))
                    .as("nothing processed")
                    .isEmpty();
        }
    }

    @Test
    void anEmrRunWhoseStepIsRefusedTerminatesItsClusterThoughEveryCallIsFaultedOnce() throws IOException {
        Path orders = lake.resolve("orders.csv");
        Files.copy(ProjectFiles.root().resolve("events/data/orders.csv"), orders);
        proxy.refuse("elasticmapreduce:AddJobFlowSteps");

        JsonNode result = dropThatExits(1, orders, "--engine", "EMR");
        assertThat(result.path("error").asText()).isEqualTo("SubmitFailed");
        assertFaultsInjectedOn("elasticmapreduce:RunJobFlow", "elasticmapreduce:TerminateJobFlows", "sns:Publish");
        assertThat(retriesOf(result, "CreateCluster")).containsExactly("Emr.ThrottlingException");
        assertThat(retriesOf(result, "TerminateClusterAfterFailure")).containsExactly("Emr.ThrottlingException");
        try (var emr = MOTO.clients().emr()) {
            assertThat(emr.listClusters().clusters())
                    .as("clusters")
                    .singleElement()
                    .satisfies(cluster ->
                            assertThat(cluster.status().stateAsString()).startsWith("TERMINAT"));
        }
    }

    @Test
    void aRunWhoseTrackerFailsForeverIsRecordedAndNotifiedOnce() throws IOException {
        // The submit function's own look at the new job (a faulted attempt, then its retry) gets through.
        proxy.refuse("emr-serverless:GetJobRun", 2);

        JsonNode result = dropThatExits(1, ProjectFiles.root().resolve("events/data/orders.csv"));
        assertThat(result.path("error").asText()).isEqualTo("TrackerFailed");
        assertThat(result.path("states").findValuesAsText("name"))
                .containsSubsequence(
                        "TrackJob", "TrackerFailed", "CancelIfRunning", "CancelJob", "RecordFailure", "NotifyFailure");
        assertThat(notificationsThatReachedTheEndpoint()).isEqualTo(1);
    }

    /** The JSON result of a drop of {@code file} on the faulting proxy that must exit {@code exitCode}. */
    private JsonNode dropThatExits(int exitCode, Path file, String... options) throws IOException {
        CliRun run = drop(file, options);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
        return JSON.readTree(run.out());
    }

    /** The proxy faulted at least one call of each of {@code operations}. */
    private void assertFaultsInjectedOn(String... operations) {
        assertThat(proxy.faultsByOperation()).as("faults injected").containsKeys(operations);
    }

    /** SNS publishes that got through the proxy, not faulted: the notifications subscribers saw. */
    private long notificationsThatReachedTheEndpoint() {
        return proxy.requests().stream()
                .filter(request -> request.operation().equals("sns:Publish") && request.fault() == null)
                .count();
    }

    private CliRun drop(Path file, String... options) {
        List<String> arguments = new ArrayList<>(List.of(
                "drop",
                file.toString(),
                "--aws-endpoint",
                proxy.endpoint().toString(),
                "--lake",
                lake.toString(),
                "--json"));
        arguments.addAll(List.of(options));
        return CliRun.of(arguments.toArray(String[]::new));
    }

    private List<String> retriedOperations() throws IOException {
        Path log = lake.resolve("_logs/functions.log");
        return Files.readAllLines(log).stream()
                .map(this::parse)
                .filter(line -> line.path("message").asText().equals("AWS call retried"))
                .map(line -> line.path("operation").asText())
                .distinct()
                .toList();
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON log line: " + line, e);
        }
    }

    private static List<String> retriesOf(JsonNode result, String state) {
        for (JsonNode node : result.path("states")) {
            if (node.path("name").asText().equals(state)) {
                List<String> errors = new ArrayList<>();
                node.path("retried").forEach(error -> errors.add(error.asText()));
                return errors;
            }
        }
        throw new AssertionError(state + " is not in the timeline: " + result.path("states"));
    }

    private static List<String> keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}

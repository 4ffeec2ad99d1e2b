package dev.sparkpipeline.verifyinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.execution.InputCheck;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The input check on moto_server: what a run needs is verified before any cluster or job starts,
 * and each refusal names the field. The inputs are events/manual-execution.json, changed one way each.
 */
class VerifyInputHandlerContractTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String KEY = "orders/2026/11/22/orders-001.csv";
    private static final String BATCH = "orders-batch-3f6d1c0b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";
    private static final String BATCH_KEY = "_batches/orders/" + BATCH + ".json";
    private static S3Client s3;

    @BeforeAll
    static void landedFile() {
        s3 = moto.clients().s3();
        s3.createBucket(b -> b.bucket("landing-bucket"));
        s3.createBucket(b -> b.bucket("curated-bucket"));
        s3.putObject(
                b -> b.bucket("landing-bucket").key(KEY), RequestBody.fromBytes(Fixtures.bytes("data/orders.csv")));
        // The batch the fixture manual-batch-execution.json names, as the batcher writes it.
        s3.putObject(
                b -> b.bucket("curated-bucket").key(BATCH_KEY),
                RequestBody.fromBytes(Fixtures.bytes("documents/batch-manifest-orders.json")));
    }

    @Test
    void aBatchWhoseManifestListsWhatTheInputSaysMayRun() throws IOException {
        assertThat(batchVerdict(input -> {})).containsEntry("valid", true);
    }

    @Test
    void aBatchWhoseSourceIsNotItsManifestIsRefused() throws IOException {
        assertThat(batchVerdict(input -> source(input).put("key", KEY)))
                .containsEntry("valid", false)
                .extracting("cause")
                .asString()
                .startsWith("a batch's source must be its manifest s3://curated-bucket/_batches/orders/");
    }

    @Test
    void aBatchCountingOtherFilesThanItsManifestIsRefused() throws IOException {
        assertThat(batchVerdict(input -> input.put("batch", Map.of("id", BATCH, "files", 5))))
                .extracting("cause")
                .asString()
                .contains("lists 2 files of dataset orders, not the input's 5 of orders");
    }

    @Test
    void aBatchWhoseManifestIsGoneIsRefused() throws IOException {
        String other = "orders-batch-000000000000000000000000000000000000000000000000";
        assertThat(batchVerdict(input -> {
                    input.put("batch", Map.of("id", other, "files", 2));
                    source(input).put("key", "_batches/orders/" + other + ".json");
                }))
                .extracting("cause")
                .asString()
                .contains("is not there: the batcher did not write it, or it expired");
    }

    @Test
    void aManualInputForALandedFileMayRun() throws IOException {
        assertThat(verdict(input -> {})).containsEntry("valid", true).doesNotContainKey("cause");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunOnATransientEmrClusterGetsTheDatasetsClusterRequest() throws IOException {
        Map<String, Object> verdict = verdict(input -> input.put("engine", "EMR"));

        assertThat(verdict).containsEntry("valid", true);
        Map<String, Object> cluster = (Map<String, Object>) verdict.get("cluster");
        assertThat(cluster)
                .as("every field CreateCluster reads is there")
                .containsOnlyKeys(
                        "Instances",
                        "ManagedScalingPolicy",
                        "BootstrapActions",
                        "Configurations",
                        "AutoTerminationPolicy",
                        "StepConcurrencyLevel",
                        "EbsRootVolumeSize");
        assertThat((Map<String, Object>) cluster.get("Instances"))
                .as("the network is the stack's")
                .containsOnlyKeys("InstanceFleets");
    }

    @Test
    void aRunOnAnotherEngineOrAnExistingClusterGetsNone() throws IOException {
        assertThat(verdict(input -> input.put("engine", "GLUE"))).doesNotContainKey("cluster");
        assertThat(verdict(input -> {
                    input.put("engine", "EMR");
                    job(input).put("clusterId", "j-EXISTING0001");
                }))
                .containsEntry("valid", true)
                .doesNotContainKey("cluster");
    }

    @Test
    void anUnknownDatasetIsRefused() throws IOException {
        assertThat(cause(input -> input.put("dataset", "invoices")))
                .isEqualTo("dataset invoices is not in the datasets configuration");
    }

    @Test
    void aDatasetNameTooLongForAnyDatasetIsRefusedWithoutQuotingIt() throws IOException {
        String cause = cause(input -> input.put("dataset", "o".repeat(20_000)));

        assertThat(cause).isEqualTo("dataset is 20000 characters; no dataset name is longer than 128");
    }

    @Test
    void aDatasetNameOfTwoHundredThousandCharactersIsRefusedByTheSizeBudget() throws IOException {
        String cause = cause(input -> input.put("dataset", "o".repeat(200_000)));

        assertThat(cause).startsWith("the execution input is 200").hasSizeLessThan(300);
    }

    @Test
    void aSourceThatNeverLandedIsRefused() throws IOException {
        assertThat(cause(input -> source(input).put("key", "orders/2026/11/22/never-landed.csv")))
                .contains("s3://landing-bucket/orders/2026/11/22/never-landed.csv")
                .contains("is not in the landing bucket");
    }

    @Test
    void aSourceInAnotherBucketIsRefused() throws IOException {
        assertThat(cause(input -> source(input).put("bucket", "someone-elses-bucket")))
                .isEqualTo("source.bucket must be the landing bucket landing-bucket, not someone-elses-bucket");
    }

    @Test
    void aJobThatIsNotAnObjectIsRefused() throws IOException {
        assertThat(cause(input -> input.put("job", List.of()))).isEqualTo("job must be an object");
    }

    @Test
    void aJobArgumentThePipelineOwnsIsRefused() throws IOException {
        assertThat(cause(input -> job(input).put("arguments", Map.of("run-id", "another-run"))))
                .startsWith("job.arguments.run-id is reserved");
    }

    @Test
    void anInputOfExactlyTheBudgetMayRun() throws IOException {
        Map<String, Object> input = JSON.std.mapFrom(Fixtures.bytes("manual-execution.json"));
        input.put("note", "");
        int padding = InputCheck.INPUT_BUDGET_BYTES - JSON.std.asBytes(input).length;
        input.put("note", "x".repeat(padding));
        assertThat(JSON.std.asBytes(input)).hasSize(InputCheck.INPUT_BUDGET_BYTES);

        assertThat(verdict(JSON.std.asBytes(input))).containsEntry("valid", true);
    }

    @Test
    void anInputOneByteOverTheBudgetIsRefused() throws IOException {
        Map<String, Object> input = JSON.std.mapFrom(Fixtures.bytes("manual-execution.json"));
        input.put("note", "");
        int padding = InputCheck.INPUT_BUDGET_BYTES + 1 - JSON.std.asBytes(input).length;
        input.put("note", "x".repeat(padding));

        assertThat(verdict(JSON.std.asBytes(input))).containsEntry("valid", false);
    }

    @Test
    void anInputLeavingNoRoomForTheRunIsRefused() throws IOException {
        String cause = cause(input -> input.put("note", "x".repeat(InputCheck.INPUT_BUDGET_BYTES)));

        assertThat(cause).contains("at most " + InputCheck.INPUT_BUDGET_BYTES);
    }

    @Test
    void anEventThatIsNotAnObjectGetsAVerdictToo() throws IOException {
        var out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream("[1, 2]".getBytes(StandardCharsets.UTF_8)), out, null);

        assertThat(JSON.std.mapFrom(out.toByteArray()))
                .containsEntry("valid", false)
                .containsEntry("cause", "the event must be a JSON object");
    }

    private static String cause(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> verdict = verdict(change);
        assertThat(verdict).containsEntry("valid", false);
        return (String) verdict.get("cause");
    }

    private static Map<String, Object> verdict(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> input = JSON.std.mapFrom(Fixtures.bytes("manual-execution.json"));
        change.accept(input);
        var out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(JSON.std.asBytes(input)), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private static Map<String, Object> batchVerdict(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> input = JSON.std.mapFrom(Fixtures.bytes("manual-batch-execution.json"));
        change.accept(input);
        return verdict(JSON.std.asBytes(input));
    }

    private static Map<String, Object> verdict(byte[] event) throws IOException {
        var out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.std.mapFrom(out.toByteArray());
    }

    private static VerifyInputHandler handler() {
        return new VerifyInputHandler(
                new InputCheck(new S3ObjectStore(s3), DatasetCatalog.bundled(), "landing-bucket", "curated-bucket"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> input) {
        return (Map<String, Object>) input.get("source");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(Map<String, Object> input) {
        return (Map<String, Object>) input.get("job");
    }
}

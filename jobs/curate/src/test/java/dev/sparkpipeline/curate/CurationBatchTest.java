package dev.sparkpipeline.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.engine.TableWrite;
import dev.sparkpipeline.core.intake.BatchManifest;
import dev.sparkpipeline.core.json.BatchManifestJson;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.core.outcome.Manifest.SourceResult;
import dev.sparkpipeline.core.outcome.Manifest.Status;
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curate job on a batch of landed files (Spark local[2], one session for the suite): one read
 * and one commit for the batch, and a fate of its own for each file. The members are small files
 * in the test's folder, which the batch manifest names by a local folder as their bucket, as the
 * local runner does.
 */
class CurationBatchTest {

    private static final String HEADER = "order_id,customer_id,order_ts,amount\n";

    /** When the batch's files landed, unless a test says otherwise. */
    private static final Instant LANDED = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    private SparkSession spark;

    @BeforeEach
    void lakeOfItsOwn() {
        spark = TestSpark.lake(dir.resolve("curated"));
    }

    @Test
    void threeGoodFilesAreCommittedInOneSnapshotAndEachIsCuratedWithItsOwnCounts() throws IOException {
        SourceObject a = landed("a.csv", order("o-1") + order("o-2"));
        SourceObject b = landed("b.csv", order("o-3"));
        SourceObject c = landed("c.csv", order("o-4") + order("o-5") + order("o-6"));

        Manifest manifest = curate(Datasets.orders(""), a, b, c);

        assertThat(snapshots()).isEqualTo(1);
        assertThat(orderIds()).containsExactlyInAnyOrder("o-1", "o-2", "o-3", "o-4", "o-5", "o-6");
        assertThat(manifest.sources())
                .extracting(SourceResult::uri, SourceResult::status, SourceResult::rowsIn, SourceResult::rowsOut)
                .containsExactly(
                        tuple(location(a), Status.CURATED, 2L, 2L),
                        tuple(location(b), Status.CURATED, 1L, 1L),
                        tuple(location(c), Status.CURATED, 3L, 3L));
        assertThat(manifest.rowsIn()).isEqualTo(6);
        assertThat(manifest.rowsOut()).isEqualTo(6);
    }

    @Test
    void eachRowCarriesItsOwnFilesKeyVersionAndLandingTime() throws IOException {
        SourceObject a = landed("a.csv", order("o-1"), Instant.parse("2026-11-22T08:00:00Z"));
        SourceObject b = landed("b.csv", order("o-2"), Instant.parse("2026-11-22T09:30:00Z"));

        curate(Datasets.orders(""), a, b);

        assertThat(spark.table("lake.orders").orderBy("order_id").collectAsList())
                .extracting(
                        row -> row.<String>getAs("_source_key"),
                        row -> row.<String>getAs("_source_version"),
                        row -> row.<Instant>getAs("_landed_at"))
                .containsExactly(
                        tuple(location(a), "v-a.csv", Instant.parse("2026-11-22T08:00:00Z")),
                        tuple(location(b), "v-b.csv", Instant.parse("2026-11-22T09:30:00Z")));
    }

    @Test
    void aFileOverTheErrorRatioFailsAloneWithTheReasonARunOfItAloneGives() throws IOException {
        SourceObject good = landed("good.csv", order("o-1"));
        SourceObject bad = landed(
                "bad.csv", order("o-2") + "o-3,c-1,2026-11-22T08:00:00Z,bad\no-4,c-1,2026-11-22T08:00:00Z,bad\n");

        Manifest manifest = curate(Datasets.orders("\"maxErrorRatio\": 0.4"), good, bad);

        assertThat(manifest.sources()).extracting(SourceResult::status).containsExactly(Status.CURATED, Status.FAILED);
        assertThat(manifest.sources().get(1).reason())
                .startsWith("2 of 3 rows do not fit dataset orders (66.7% > 40.0% allowed): amount not_a_number 2; "
                        + "the rejected rows are in ")
                .endsWith("/_errors/run_id=run-1/");
        assertThat(orderIds()).as("not even the file's good row").containsExactly("o-1");
        assertThat(manifest.rowsIn()).as("the curated files' rows only").isEqualTo(1);
    }

    @Test
    void theRejectedRowsOfAFailedFileAreStillInTheErrorsWithTheirFile() throws IOException {
        SourceObject good = landed("good.csv", order("o-1"));
        SourceObject bad = landed("bad.csv", "o-2,c-1,2026-11-22T08:00:00Z,bad\n");

        curate(Datasets.orders("\"maxErrorRatio\": 0.4"), good, bad);

        assertThat(spark.read()
                        .json(dir.resolve("curated/orders/_errors/run_id=run-1").toString())
                        .collectAsList())
                .extracting(row -> row.<String>getAs("source_key"), row -> row.<Long>getAs("line"))
                .containsExactly(tuple(location(bad), 2L));
    }

    @Test
    void aFailedFilesOwnColumnsDoNotReachTheTable() throws IOException {
        SourceObject good = landed("good.csv", order("o-1"));
        Path bad = Files.writeString(
                dir.resolve("bad.csv"),
                "order_id,customer_id,order_ts,amount,channel\no-2,c-1,2026-11-22T08:00:00Z,bad,web\n");

        Manifest manifest = curate(
                Datasets.orders("\"extraColumns\": \"keep\""),
                good,
                member(bad.getFileName().toString(), LANDED));

        assertThat(spark.table("lake.orders").columns()).doesNotContain("channel");
        assertThat(manifest.extraColumns()).isEmpty();
    }

    @Test
    void aMissingFileAndACorruptGzipFailEachWithItsOwnReasonAndTheOthersGoOn() throws IOException {
        SourceObject good = landed("good.csv", order("o-1"));
        SourceObject missing = member("missing.csv", LANDED);
        SourceObject corrupt = truncatedGzip("corrupt.csv.gz");

        Manifest manifest = curate(Datasets.orders(""), good, missing, corrupt);

        assertThat(manifest.sources())
                .extracting(SourceResult::status)
                .containsExactly(Status.CURATED, Status.FAILED, Status.FAILED);
        assertThat(manifest.sources().get(1).reason()).isEqualTo(Curation.GONE);
        assertThat(manifest.sources().get(2).reason()).startsWith("cannot be read (EOFException");
        assertThat(orderIds()).containsExactly("o-1");
    }

    @Test
    void aKeyInTwoFilesKeepsTheRowOfTheLaterLanding() throws IOException {
        SourceObject later = landed("later.csv", order("o-1", "2.00"), Instant.parse("2026-11-22T09:00:00Z"));
        SourceObject earlier =
                landed("earlier.csv", order("o-1", "1.00") + order("o-2"), Instant.parse("2026-11-22T08:00:00Z"));

        Manifest manifest = curate(Datasets.orders("\"key\": [\"order_id\"]"), later, earlier);

        assertThat(spark.table("lake.orders").where("order_id = 'o-1'").first().<BigDecimal>getAs("amount"))
                .as("the later landing wins, wherever the manifest lists it")
                .isEqualByComparingTo("2.00");
        assertThat(manifest.sources()).extracting(SourceResult::rowsOut).containsExactly(1L, 1L);
        assertThat(manifest.duplicates()).isEqualTo(1);
    }

    @Test
    void whenEveryFileFailsTheRunFailsNamingThemAndItsManifestListsThem() throws IOException {
        SourceObject missing = member("missing.csv", LANDED);
        SourceObject bad = landed("bad.csv", "o-2,c-1,2026-11-22T08:00:00Z,bad\n");

        assertThatThrownBy(() -> curate(Datasets.orders(""), missing, bad))
                .isInstanceOf(NoFileCurated.class)
                .hasMessageStartingWith("all 2 files of batch ")
                .hasMessageContaining(location(missing) + ": " + Curation.GONE)
                .hasMessageContaining(location(bad) + ": 1 of 1 rows do not fit dataset orders");
        Manifest manifest = ManifestJson.read(
                Files.readAllBytes(dir.resolve("curated/orders").resolve(Manifest.relativePath("run-1"))));
        assertThat(manifest.sources()).extracting(SourceResult::status).containsOnly(Status.FAILED);
        assertThat(manifest.table()).as("nothing committed").isNull();
    }

    @Test
    void aSecondRunOfACommittedBatchIsReplayedAndAddsNoSnapshot() throws IOException {
        SourceObject a = landed("a.csv", order("o-1"));
        SourceObject missing = member("missing.csv", LANDED);
        Manifest first = curate(Datasets.orders(""), a, missing);

        Manifest again = curate(Datasets.orders(""), a, missing);

        assertThat(again.table().replayed()).isTrue();
        assertThat(snapshots()).isEqualTo(1);
        assertThat(again.sources())
                .as("the members as the first attempt left them")
                .isEqualTo(first.sources());
    }

    /** Runs the batch of {@code members} as run-1, its manifest's version {@code m-1}. */
    private Manifest curate(DatasetSpec dataset, SourceObject... members) throws IOException {
        Path manifest = dir.resolve("_batches/orders/b-1.json");
        Files.createDirectories(manifest.getParent());
        Files.write(
                manifest,
                BatchManifestJson.write(
                        new BatchManifest("b-1", dataset.name(), Engine.EMR_SERVERLESS, LANDED, List.of(members))));
        return new Curation(spark, dataset)
                .run(new JobArguments(
                        "file://" + manifest.toAbsolutePath(),
                        dir.resolve("curated").resolve(dataset.name()).toUri().toString(),
                        dataset.name(),
                        "run-1",
                        new TableWrite(dataset.name(), "m-1", "etag-m-1", null, null),
                        null,
                        true));
    }

    /** A CSV of the orders' required columns and {@code rows}, landed at {@link #LANDED}. */
    private SourceObject landed(String name, String rows) throws IOException {
        return landed(name, rows, LANDED);
    }

    private SourceObject landed(String name, String rows, Instant landedAt) throws IOException {
        Files.writeString(dir.resolve(name), HEADER + rows);
        return member(name, landedAt);
    }

    /** The batch member of the file {@code name} in the test's folder, whether it is there or not. */
    private SourceObject member(String name, Instant landedAt) {
        return new SourceObject(dir.toAbsolutePath().toString(), name, "v-" + name, "etag-" + name, 1, landedAt);
    }

    /** The first half of a gzip of many orders: its stream ends early. */
    private SourceObject truncatedGzip(String name) throws IOException {
        Path whole = dir.resolve("whole.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write((HEADER + order("o-9").repeat(2000)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(dir.resolve(name), Arrays.copyOf(bytes, bytes.length / 2));
        return member(name, LANDED);
    }

    /** Where the job reads a member: {@code file://} and the path, as {@link LandedFile} says. */
    private static String location(SourceObject member) {
        return "file://" + member.bucket() + "/" + member.key();
    }

    private static String order(String id) {
        return order(id, "1.00");
    }

    private static String order(String id, String amount) {
        return id + ",c-1,2026-11-22T08:00:00Z," + amount + "\n";
    }

    private List<String> orderIds() {
        return spark.table("lake.orders").collectAsList().stream()
                .map(row -> row.<String>getAs("order_id"))
                .toList();
    }

    private long snapshots() {
        return spark.table("lake.orders.snapshots").count();
    }
}

package dev.sparkpipeline.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.engine.TableWrite;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.curate.table.SchemaChangeRefused;
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curated table across runs, read back through Iceberg: one row per key across files, the
 * newest by the dataset's ordering or by arrival, replays that change nothing, one commit per run
 * even when runs commit at once, schema changes by policy, and failed runs that leave no trace.
 */
class IcebergTableTest {

    private static final String HEADER = "order_id,customer_id,order_ts,amount,status\n";
    private static final Instant MONDAY = Instant.parse("2026-11-23T08:00:00Z");

    @TempDir
    Path dir;

    private SparkSession spark;

    @BeforeEach
    void lakeOfItsOwn() {
        spark = TestSpark.lake(dir.resolve("curated"));
    }

    @Test
    void rowsOfOneKeyAcrossThreeFilesLeaveOneRowEachWithTheNewestValues() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"]");
        run(orders, "day-1.csv", "r1", "v1", MONDAY, """
                o-1,c-1,2026-11-22T08:00:00Z,1.00,open
                o-2,c-1,2026-11-22T08:00:00Z,2.00,open
                o-3,c-2,2026-11-22T08:00:00Z,3.00,open
                """);
        run(orders, "day-2.csv", "r2", "v1", MONDAY.plusSeconds(60), """
                o-2,c-1,2026-11-22T08:00:00Z,2.50,paid
                o-4,c-3,2026-11-23T08:00:00Z,4.00,open
                """);

        Manifest third = run(orders, "day-3.csv", "r3", "v1", MONDAY.plusSeconds(120), """
                o-3,c-2,2026-11-22T08:00:00Z,3.75,shipped
                o-5,c-3,2026-11-23T09:00:00Z,5.00,open
                """);

        assertThat(rows())
                .containsExactly(
                        "o-1 1.00 open", "o-2 2.50 paid", "o-3 3.75 shipped", "o-4 4.00 open", "o-5 5.00 open");
        assertThat(third.table().mode()).isEqualTo("merge");
        assertThat(third.table().replayed()).isFalse();
    }

    @Test
    void aFileThatArrivesLateDoesNotReplaceNewerRows() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"]");
        run(orders, "newer.csv", "r1", "v1", MONDAY.plusSeconds(60), "o-1,c-1,2026-11-22T08:00:00Z,2.00,paid\n");

        run(orders, "older.csv", "r2", "v1", MONDAY, "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");

        assertThat(rows()).containsExactly("o-1 2.00 paid");
    }

    @Test
    void theDeclaredOrderingColumnWinsOverArrival() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"], \"orderBy\": \"order_ts\"");
        run(orders, "first.csv", "r1", "v1", MONDAY, "o-1,c-1,2026-11-22T10:00:00Z,2.00,paid\n");

        run(orders, "second.csv", "r2", "v1", MONDAY.plusSeconds(60), "o-1,c-1,2026-11-22T09:00:00Z,1.00,open\n");

        assertThat(rows())
                .as("the row with the later order_ts, although it landed first")
                .containsExactly("o-1 2.00 paid");
    }

    @Test
    void withinOneFileTheGreatestOrderingValueThenTheLaterLineWins() throws IOException {
        DatasetSpec byLine = Datasets.orders("\"key\": [\"order_id\"]");

        Manifest manifest = run(byLine, "corrections.csv", "r1", "v1", MONDAY, """
                o-1,c-1,2026-11-22T08:00:00Z,1.00,open
                o-1,c-1,2026-11-22T08:00:00Z,1.50,corrected
                """);

        assertThat(rows()).containsExactly("o-1 1.50 corrected");
        assertThat(manifest.duplicates()).isEqualTo(1);
    }

    @Test
    void aReplayOfACommittedSourceVersionAddsNoRowAndNoSnapshot() throws IOException {
        DatasetSpec orders = Datasets.orders("");
        Path file = write("orders.csv", "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");
        Manifest first = run(orders, file, "r1", "v1", MONDAY);
        long snapshots = snapshots();

        Manifest replay = run(orders, file, "r1-replayed-by-hand", "v1", MONDAY);

        assertThat(rows()).containsExactly("o-1 1.00 open");
        assertThat(snapshots()).isEqualTo(snapshots);
        assertThat(replay.table().replayed()).isTrue();
        assertThat(replay.table().snapshotId()).isEqualTo(first.table().snapshotId());
        assertThat(replay.rowsOut())
                .as("another run of the same version adds nothing")
                .isZero();
    }

    @Test
    void aNewVersionOfTheSameKeyIsMergedAsNewData() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"]");
        Path file = write("orders.csv", "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");
        run(orders, file, "r1", "v1", MONDAY);
        Files.writeString(file, HEADER + "o-1,c-1,2026-11-22T08:00:00Z,1.25,corrected\n");

        Manifest corrected = run(orders, file, "r2", "v2", MONDAY.plusSeconds(5));

        assertThat(rows()).containsExactly("o-1 1.25 corrected");
        assertThat(corrected.table().replayed()).isFalse();
    }

    @Test
    void withoutAKeyRowsAreAppended() throws IOException {
        DatasetSpec events = Datasets.orders("");
        run(events, "a.csv", "r1", "v1", MONDAY, "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");

        Manifest second = run(events, "b.csv", "r2", "v1", MONDAY, "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");

        assertThat(rows()).containsExactly("o-1 1.00 open", "o-1 1.00 open");
        assertThat(second.table().mode()).isEqualTo("append");
    }

    @Test
    void anAppendWithoutAColumnAnEarlierFileAddedLeavesItNull() throws IOException {
        DatasetSpec keepExtras = Datasets.orders("\"extraColumns\": \"keep\"");
        runCsv(
                keepExtras,
                "a.csv",
                "r1",
                "v1",
                MONDAY,
                HEADER.strip() + ",promo\no-1,c-1,2026-11-22T08:00:00Z,1.00,open,x\n");

        run(keepExtras, "b.csv", "r2", "v1", MONDAY.plusSeconds(1), "o-2,c-1,2026-11-22T08:00:00Z,2.00,open\n");

        assertThat(spark.sql("SELECT order_id, promo FROM lake.orders ORDER BY order_id")
                        .collectAsList())
                .extracting(Row::toString)
                .containsExactly("[o-1,x]", "[o-2,null]");
    }

    @Test
    void eightRunsCommittingAtOnceAllSucceedOneSnapshotEach() throws Exception {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"]");
        run(orders, "seed.csv", "seed", "v1", MONDAY, "o-shared,c-1,2026-11-22T08:00:00Z,0.00,open\n");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(write(
                    "burst-" + i + ".csv",
                    "o-" + i + ",c-1,2026-11-22T08:00:00Z," + i + ".00,open\n" + "o-shared,c-1,2026-11-22T08:00:00Z,"
                            + i + ".00,run-" + i + "\n"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Manifest>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                // Each run its own session, as each job is: they share the table and nothing else.
                SparkSession own = TestSpark.lake(dir.resolve("curated"));
                runs.add(pool.submit(() -> run(
                        own,
                        orders,
                        files.get(n),
                        new TableWrite("orders", "v1", "etag-" + n, MONDAY.plusSeconds(10 + n), null),
                        "burst-" + n)));
            }
            for (Future<Manifest> commit : runs) {
                assertThat(commit.get().table().replayed()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(rows()).hasSize(9).contains("o-shared 7.00 run-7");
        assertThat(spark.sql(
                                "SELECT count(*) FROM lake.orders.snapshots WHERE summary['pipeline.run-id'] LIKE 'burst-%'")
                        .first()
                        .getLong(0))
                .isEqualTo(8);
    }

    @Test
    void aDeclaredNewColumnIsAddedAndAWideningTypeIsApplied() throws IOException {
        String before = """
                [{"name": "order_id", "type": "string", "required": true},
                 {"name": "quantity", "type": "int"},
                 {"name": "amount", "type": "decimal(10,2)"}]""";
        String after = """
                [{"name": "order_id", "type": "string", "required": true},
                 {"name": "quantity", "type": "bigint"},
                 {"name": "amount", "type": "decimal(14,2)"},
                 {"name": "channel", "type": "string"}]""";
        runCsv(
                Datasets.dataset("orders", before, "\"key\": [\"order_id\"]"),
                "a.csv",
                "r1",
                "v1",
                MONDAY,
                "order_id,quantity,amount\no-1,3,1.00\n");

        runCsv(
                Datasets.dataset("orders", after, "\"key\": [\"order_id\"]"),
                "b.csv",
                "r2",
                "v1",
                MONDAY.plusSeconds(1),
                "order_id,quantity,amount,channel\no-2,5000000000,123456789012.50,web\n");

        Map<String, String> types = new TreeMap<>();
        for (var field : spark.table("lake.orders").schema().fields()) {
            types.put(field.name(), field.dataType().simpleString());
        }
        assertThat(types)
                .containsEntry("quantity", "bigint")
                .containsEntry("amount", "decimal(14,2)")
                .containsEntry("channel", "string");
        assertThat(spark.sql("SELECT order_id, channel FROM lake.orders ORDER BY order_id")
                        .collectAsList())
                .extracting(Row::toString)
                .containsExactly("[o-1,null]", "[o-2,web]");
    }

    @Test
    void aTypeChangeThatWouldLoseDataIsRefusedBeforeAnythingIsWritten() throws IOException {
        String before = """
                [{"name": "order_id", "type": "string", "required": true},
                 {"name": "customer_id", "type": "string"},
                 {"name": "amount", "type": "decimal(12,2)"}]""";
        String narrower = """
                [{"name": "order_id", "type": "string", "required": true},
                 {"name": "customer_id", "type": "int"},
                 {"name": "amount", "type": "decimal(10,2)"}]""";
        runCsv(
                Datasets.dataset("orders", before, ""),
                "a.csv",
                "r1",
                "v1",
                MONDAY,
                "order_id,customer_id,amount\no-1,17,1.00\n");
        long snapshots = snapshots();

        assertThatThrownBy(() -> runCsv(
                        Datasets.dataset("orders", narrower, ""),
                        "b.csv",
                        "r2",
                        "v1",
                        MONDAY,
                        "order_id,customer_id,amount\no-2,18,2.00\n"))
                .isInstanceOf(SchemaChangeRefused.class)
                .hasMessageContaining("customer_id is string in the table and int in the dataset")
                .hasMessageContaining("amount is decimal(12,2) in the table and decimal(10,2) in the dataset"
                        + " (narrowing a decimal loses digits)")
                .hasMessageContaining("Nothing was written");
        assertThat(snapshots()).isEqualTo(snapshots);
        assertThat(spark.table("lake.orders")
                        .schema()
                        .apply("customer_id")
                        .dataType()
                        .simpleString())
                .isEqualTo("string");
    }

    @Test
    void aRunOverItsErrorRatioLeavesTheTableAsItWas() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"], \"maxErrorRatio\": 0.1");
        run(orders, "good.csv", "r1", "v1", MONDAY, "o-1,c-1,2026-11-22T08:00:00Z,1.00,open\n");
        long snapshots = snapshots();

        assertThatThrownBy(() -> run(orders, "bad.csv", "r2", "v1", MONDAY.plusSeconds(1), """
                        o-1,c-1,2026-11-22T08:00:00Z,9.00,changed
                        o-2,c-1,2026-11-22T08:00:00Z,not-a-number,open
                        """))
                .isInstanceOf(TooManyRejects.class);

        assertThat(rows()).containsExactly("o-1 1.00 open");
        assertThat(snapshots()).isEqualTo(snapshots);
    }

    @Test
    void partitionTransformsAndAnIndependentReaderOpeningTheTableByItsFolder() throws IOException {
        DatasetSpec orders = Datasets.orders("\"key\": [\"order_id\"], \"partitionBy\": [\"days(order_ts)\"]");
        run(orders, "a.csv", "r1", "v1", MONDAY, """
                o-1,c-1,2026-11-22T08:00:00Z,1.00,open
                o-2,c-1,2026-11-23T08:00:00Z,2.00,open
                """);

        Table table = new HadoopTables(new Configuration())
                .load(dir.resolve("curated/orders").toString());
        List<String> ids = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(record -> ids.add((String) record.getField("order_id")));
        }

        assertThat(ids).containsExactlyInAnyOrder("o-1", "o-2");
        assertThat(table.spec().fields())
                .singleElement()
                .satisfies(field -> assertThat(field.transform().toString()).isEqualTo("day"));
        assertThat(((HasTableOperations) table).operations().current().formatVersion())
                .isEqualTo(2);
    }

    @Test
    void everyNthCommitCompactsSmallFilesAndExpiresOldSnapshots() throws IOException {
        DatasetSpec events = Datasets.orders("");
        TableUpkeep everyThird = new TableUpkeep(3, 1);
        Manifest last = null;
        for (int i = 0; i < 3; i++) {
            last = run(
                    events,
                    write("e-" + i + ".csv", "o-" + i + ",c-1,2026-11-22T08:00:00Z,1.00,open\n"),
                    new TableWrite("orders", "v1", "etag-" + i, MONDAY, everyThird),
                    "r" + i);
        }

        assertThat(last.table().maintenance()).startsWith("compacted 3 data files into 1");
        assertThat(spark.sql("SELECT count(*) FROM lake.orders.files").first().getLong(0))
                .isEqualTo(1);
        assertThat(rows()).hasSize(3);
    }

    /** A run of a CSV of the orders columns: {@code rows} after the header. */
    private Manifest run(DatasetSpec dataset, String name, String runId, String version, Instant landedAt, String rows)
            throws IOException {
        return run(dataset, write(name, rows), runId, version, landedAt);
    }

    /** A run of a whole CSV file, header included. */
    private Manifest runCsv(
            DatasetSpec dataset, String name, String runId, String version, Instant landedAt, String csv)
            throws IOException {
        return run(dataset, Files.writeString(dir.resolve(name), csv), runId, version, landedAt);
    }

    private Manifest run(DatasetSpec dataset, Path file, String runId, String version, Instant landedAt) {
        return run(
                dataset, file, new TableWrite("orders", version, "etag-" + file.getFileName(), landedAt, null), runId);
    }

    private Manifest run(DatasetSpec dataset, Path file, TableWrite write, String runId) {
        return run(spark, dataset, file, write, runId);
    }

    private Manifest run(SparkSession session, DatasetSpec dataset, Path file, TableWrite write, String runId) {
        return new Curation(session, dataset)
                .run(new JobArguments(
                        "file://" + file.toAbsolutePath(),
                        dir.resolve("curated/orders").toUri().toString(),
                        dataset.name(),
                        runId,
                        write,
                        null));
    }

    /** "order_id amount status" per row, in key order. */
    private List<String> rows() {
        // Other sessions committed: read the table as it is now, not as this session's catalog cached it.
        spark.sql("REFRESH TABLE lake.orders");
        return spark
                .sql("SELECT order_id, amount, status FROM lake.orders ORDER BY order_id, amount")
                .collectAsList()
                .stream()
                .map(row -> row.getString(0) + " " + row.<BigDecimal>getAs(1).toPlainString() + " " + row.getString(2))
                .toList();
    }

    private long snapshots() {
        spark.sql("REFRESH TABLE lake.orders");
        return spark.table("lake.orders.snapshots").count();
    }

    private Path write(String name, String rows) throws IOException {
        return Files.writeString(dir.resolve(name), HEADER + rows);
    }
}

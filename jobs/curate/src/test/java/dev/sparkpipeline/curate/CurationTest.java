package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.ColumnSpec;
import dev.sparkpipeline.core.dataset.CsvOptions;
import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The curate job on Spark local[2], one session for the suite, on small files each test writes. */
class CurationTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = SparkSession.builder().master("local[2]").appName("curation-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void castsTrimsAndNormalisesNamesIntoTheDatasetSchema() throws IOException {
        Path input = write("orders.csv", """
                 Order ID ,Customer_ID,order_ts,AMOUNT,currency
                o-1, c-1 ,2026-11-22T08:00:00Z,19.99,EUR
                """);

        Manifest manifest = curate(orders(0.5, List.of()), input);

        Row row = read().collectAsList().get(0);
        assertThat(row.<String>getAs("order_id")).isEqualTo("o-1");
        assertThat(row.<String>getAs("customer_id")).isEqualTo("c-1");
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("19.99");
        assertThat(row.<Timestamp>getAs("order_ts").toInstant()).hasToString("2026-11-22T08:00:00Z");
        assertThat(row.<String>getAs("status")).as("an optional column the file lacks").isNull();
        assertThat(manifest.schema()).containsEntry("amount", "decimal(12,2)").containsEntry("order_ts", "timestamp");
    }

    @Test
    void addsLineageColumnsAndPartitionsByIngestDate() throws IOException {
        Path input = write("orders.csv", "order_id,customer_id,order_ts,amount\no-1,c-1,2026-11-22T08:00:00Z,1.00\n");

        Manifest manifest = curate(orders(0.5, List.of()), input);

        Row row = read().collectAsList().get(0);
        assertThat(row.<String>getAs("_source_key")).isEqualTo(input.toUri().toString());
        assertThat(row.<String>getAs("_run_id")).isEqualTo("run-1");
        assertThat(row.<Timestamp>getAs("_ingest_time")).isNotNull();
        assertThat(manifest.partitions()).singleElement().asString().startsWith("ingest_date=");
        assertThat(manifest.files()).allSatisfy(file -> assertThat(dir.resolve("out").resolve(file)).isRegularFile()
                .satisfies(f -> assertThat(f.getFileName().toString()).startsWith("run-1-").endsWith(".snappy.parquet")));
    }

    @Test
    void readsJsonLines() throws IOException {
        Path input = write("orders.jsonl", """
                {"order_id": "o-1", "customer_id": "c-1", "order_ts": "2026-11-22T08:00:00Z", "amount": 3.5}
                {"order_id": "o-2", "customer_id": "c-2", "order_ts": "2026-11-22T09:00:00Z", "amount": 4}
                """);

        Manifest manifest = curate(orders(0.5, List.of()), input);

        assertThat(manifest.rowsOut()).isEqualTo(2);
        assertThat(read().selectExpr("sum(amount)").first().<BigDecimal>getAs(0)).isEqualByComparingTo("7.50");
    }

    @Test
    void readsParquet() throws IOException {
        Path parquet = dir.resolve("source.parquet");
        spark.sql("select 'o-1' as order_id, 'c-1' as customer_id, timestamp'2026-11-22 08:00:00' as order_ts, 2.5d as amount")
                .coalesce(1).write().parquet(parquet.toString());
        Path file;
        try (Stream<Path> files = Files.list(parquet)) {
            file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }

        Manifest manifest = curate(orders(0.5, List.of()), file);

        assertThat(manifest.rowsOut()).isEqualTo(1);
        assertThat(read().first().<BigDecimal>getAs("amount")).isEqualByComparingTo("2.50");
    }

    @Test
    void readsGzipCompressedCsv() throws IOException {
        Path input = dir.resolve("orders.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write("order_id,customer_id,order_ts,amount\no-1,c-1,2026-11-22T08:00:00Z,1.00\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(curate(orders(0.5, List.of()), input).rowsOut()).isEqualTo(1);
    }

    @Test
    void rowsThatDoNotFitGoToErrorsWithTheirReason() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-1,2026-11-22T08:00:00Z,not-a-number
                o-3,,2026-11-22T08:00:00Z,2.00
                """);

        Manifest manifest = curate(orders(0.9, List.of()), input);

        assertThat(manifest.rowsIn()).isEqualTo(3);
        assertThat(manifest.rejected()).isEqualTo(2);
        assertThat(read().collectAsList()).extracting(row -> row.<String>getAs("order_id")).containsExactly("o-1");
        List<Row> errors = spark.read().json(dir.resolve("out/_errors/run_id=run-1").toString()).collectAsList();
        assertThat(errors).extracting(row -> row.<String>getAs(Curation.REJECT_REASON))
                .containsExactlyInAnyOrder("amount: not a decimal(12,2)", "customer_id: missing");
    }

    @Test
    void tooManyRejectsFailTheRunAndLeaveNothingVisible() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-1,2026-11-22T08:00:00Z,bad
                """);

        assertThatThrownBy(() -> curate(orders(0.1, List.of()), input))
                .hasMessageContaining("1 of 2 rows do not fit dataset orders");
        assertThat(dir.resolve("out")).satisfies(out -> assertThat(Files.exists(out) ? list(out) : Set.of())
                .as("no partition, manifest or staging left").isEmpty());
    }

    @Test
    void dropsExactDuplicatesAndDuplicatesByKey() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-2,2026-11-22T08:00:00Z,2.00
                o-2,c-9,2026-11-22T09:00:00Z,3.00
                """);

        Manifest manifest = curate(orders(0.5, List.of("order_id")), input);

        assertThat(manifest.rowsOut()).isEqualTo(2);
        assertThat(manifest.duplicates()).isEqualTo(2);
        assertThat(read().collectAsList()).extracting(row -> row.<String>getAs("order_id")).containsExactlyInAnyOrder("o-1", "o-2");
    }

    @Test
    void aRepeatedRunReplacesItsOwnFilesInsteadOfDuplicatingRows() throws IOException {
        Path input = write("orders.csv", "order_id,customer_id,order_ts,amount\no-1,c-1,2026-11-22T08:00:00Z,1.00\n");
        curate(orders(0.5, List.of()), input);

        curate(orders(0.5, List.of()), input);

        assertThat(read().count()).isEqualTo(1);
    }

    @Test
    void theManifestIsWrittenLastWithCountsSchemaAndFiles() throws IOException {
        Path input = write("orders.csv", "order_id,customer_id,order_ts,amount\no-1,c-1,2026-11-22T08:00:00Z,1.00\n");

        Manifest manifest = curate(orders(0.5, List.of()), input);

        String written = Files.readString(dir.resolve("out/_manifests/run-1.json"));
        assertThat(written).isEqualTo(manifest.toJson()).contains("\"rows\"").contains("\"files\"").contains("\"schema\"");
        assertThat(dir.resolve("out/_staging")).doesNotExist();
    }

    private Manifest curate(DatasetSpec dataset, Path input) {
        return new Curation(spark, dataset).run(new JobArguments(input.toUri().toString(),
                dir.resolve("out").toUri().toString(), dataset.name(), "run-1"));
    }

    private org.apache.spark.sql.Dataset<Row> read() {
        return spark.read().parquet(dir.resolve("out").toString());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static DatasetSpec orders(double maxErrorRatio, List<String> key) {
        return new DatasetSpec("orders", "orders/", Set.of(DataFormat.CSV, DataFormat.JSON_LINES, DataFormat.PARQUET), true,
                1, 1_000_000, new CsvOptions(',', '"'),
                List.of(new ColumnSpec("order_id", "string", true), new ColumnSpec("customer_id", "string", true),
                        new ColumnSpec("order_ts", "timestamp", true), new ColumnSpec("amount", "decimal(12,2)", true),
                        new ColumnSpec("status", "string", false)),
                key, List.of("ingest_date"), maxErrorRatio, Engine.EMR_SERVERLESS, List.of(), 60);
    }

    private static Set<String> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.json.ManifestJson;
import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.curate.source.InvalidSourceFile;
import dev.sparkpipeline.jobs.contract.JobArguments;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The curate job on Spark local[2], one session for the suite, on small files each test writes. */
class CurationTest {

    private SparkSession spark;

    /** One order that fits the orders dataset, as a CSV line. */
    private static final String ORDER = "o-1,c-1,2026-11-22T08:00:00Z,1.00\n";

    /** A CSV of the orders' required columns and {@link #ORDER}. */
    private static final String ONE_ORDER = "order_id,customer_id,order_ts,amount\n" + ORDER;

    @TempDir
    Path dir;

    @BeforeEach
    void lakeOfItsOwn() {
        spark = TestSpark.lake(dir.resolve("curated"));
    }

    @Test
    void castsTrimsAndNormalisesNamesIntoTheDatasetSchema() throws IOException {
        Path input = write("orders.csv", """
                 Order ID ,Customer_ID,order_ts,AMOUNT,currency
                o-1, c-1 ,2026-11-22T08:00:00Z,19.99,EUR
                """);

        Manifest manifest = curate(Datasets.orders(""), input);

        Row row = read().collectAsList().get(0);
        assertThat(row.<String>getAs("order_id")).isEqualTo("o-1");
        assertThat(row.<String>getAs("customer_id")).isEqualTo("c-1");
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("19.99");
        assertThat(row.<Instant>getAs("order_ts")).hasToString("2026-11-22T08:00:00Z");
        assertThat(row.<String>getAs("status"))
                .as("an optional column the file lacks")
                .isNull();
        assertThat(manifest.schema()).containsEntry("amount", "decimal(12,2)").containsEntry("order_ts", "timestamp");
    }

    @Test
    void addsLineageColumnsAndPartitionsByIngestDate() throws IOException {
        Path input = write("orders.csv", ONE_ORDER);

        Manifest manifest = curate(Datasets.orders(""), input);

        Row row = read().collectAsList().get(0);
        assertThat(row.<String>getAs("_source_key")).isEqualTo(input.toUri().toString());
        assertThat(row.<String>getAs("_run_id")).isEqualTo("run-1");
        assertThat(row.<Instant>getAs("_ingest_time")).isNotNull();
        assertThat(manifest.partitions()).singleElement().asString().startsWith("ingest_date=");
        assertThat(manifest.files())
                .isNotEmpty()
                .allSatisfy(file -> assertThat(out().resolve(file))
                        .isRegularFile()
                        .satisfies(f -> assertThat(f.toString())
                                .contains("/data/ingest_date=")
                                .endsWith(".parquet")));
    }

    /** The two JSON layouts: one object a line, or one array of objects (whose amounts may be strings). */
    static Stream<Arguments> jsonFiles() {
        String lines = """
                {"order_id": "o-1", "customer_id": "c-1", "order_ts": "2026-11-22T08:00:00Z", "amount": 3.5}
                {"order_id": "o-2", "customer_id": "c-2", "order_ts": "2026-11-22T09:00:00Z", "amount": 4}
                """;
        String array = """
                [
                  {"order_id": "o-1", "customer_id": "c-1", "order_ts": "2026-11-22T08:00:00Z", "amount": 3.5},
                  {"order_id": "o-2", "customer_id": "c-2", "order_ts": "2026-11-22T09:00:00Z", "amount": "4"}
                ]
                """;
        return Stream.of(Arguments.of("orders.jsonl", lines), Arguments.of("orders.json", array));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonFiles")
    void readsJsonLinesOrAFileHoldingOneArrayOfObjects(String name, String content) throws IOException {
        Path input = write(name, content);

        Manifest manifest = curate(Datasets.orders(""), input);

        assertThat(manifest.rowsOut()).isEqualTo(2);
        assertThat(read().selectExpr("sum(amount)").first().<BigDecimal>getAs(0))
                .isEqualByComparingTo("7.50");
    }

    @Test
    void readsParquet() throws IOException {
        Path file = parquet(
                "select 'o-1' as order_id, 'c-1' as customer_id, timestamp'2026-11-22 08:00:00' as order_ts, 2.5d as amount");

        Manifest manifest = curate(Datasets.orders(""), file);

        assertThat(manifest.rowsOut()).isEqualTo(1);
        assertThat(read().first().<BigDecimal>getAs("amount")).isEqualByComparingTo("2.50");
        assertThat(read().first().<Instant>getAs("order_ts")).hasToString("2026-11-22T08:00:00Z");
    }

    @Test
    void parquetValuesAreTypedNotTextTheDatasetsSeparatorsAndFormatsDoNotApply() throws IOException {
        Path file = parquet(
                "select 'o-1' as order_id, 'c-1' as customer_id, timestamp'2026-11-22 08:00:00' as order_ts, 1234.5d as amount, "
                        + "12345678.9d as status");
        DatasetSpec european = Datasets.dataset(
                "orders",
                Datasets.ORDERS_COLUMNS.replace(
                        "\"type\": \"timestamp\"", "\"type\": \"timestamp\", \"format\": \"dd/MM/yyyy HH:mm\""),
                "\"decimalSeparator\": \",\", \"thousandsSeparator\": \".\"");

        Manifest manifest = curate(european, file);

        assertThat(manifest.rejected()).isZero();
        Row row = read().first();
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("1234.50");
        assertThat(row.<Instant>getAs("order_ts")).hasToString("2026-11-22T08:00:00Z");
        assertThat(row.<String>getAs("status")).isEqualTo("12345678.9");
    }

    @Test
    void keptExtraColumnsAndWholeRowDuplicatesSeeNestedValuesAsTheirJson() throws IOException {
        Path input = write("orders.jsonl", """
                {"order_id": "o-1", "customer_id": "c-1", "order_ts": "2026-11-22T08:00:00Z", "amount": 1, "meta": {"a": 1}}
                {"order_id": "o-1", "customer_id": "c-1", "order_ts": "2026-11-22T08:00:00Z", "amount": 1, "meta": {"a": 2}}
                """);

        Manifest manifest = curate(Datasets.orders("\"extraColumns\": \"keep\""), input);

        assertThat(manifest.duplicates()).isZero();
        assertThat(read().collectAsList())
                .extracting(row -> row.<String>getAs("meta"))
                .containsExactlyInAnyOrder("{\"a\":1}", "{\"a\":2}");
    }

    @Test
    void readsGzipCompressedCsvWhateverTheCaseOfItsExtension() throws IOException {
        Path input = dir.resolve("ORDERS-UPPER.CSV.GZ");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input))) {
            out.write(ONE_ORDER.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(curate(Datasets.orders(""), input).rowsOut()).isEqualTo(1);
    }

    @Test
    void aKeyWithGlobCharactersReadsExactlyThatFile() throws IOException {
        write("orders-a.csv", "order_id,customer_id,order_ts,amount\no-a,c-1,2026-11-22T08:00:00Z,1.00\n");
        Path star =
                write("orders-*.csv", "order_id,customer_id,order_ts,amount\no-star,c-1,2026-11-22T08:00:00Z,1.00\n");

        curate(Datasets.orders(""), star);

        assertThat(read().collectAsList())
                .extracting(row -> row.<String>getAs("order_id"))
                .containsExactly("o-star");
    }

    @Test
    void aKeyWithSpacesColonsPercentAndAccentsIsReadAsItIs() throws IOException {
        Path input = write("orders 2026-11-22T08:00:00 %20 é.csv", ONE_ORDER);

        Manifest manifest = curate(Datasets.orders(""), input);

        assertThat(manifest.rowsOut()).isEqualTo(1);
        assertThat(read().first().<String>getAs("_source_key")).endsWith("/orders 2026-11-22T08:00:00 %20 é.csv");
    }

    @Test
    void rowsThatDoNotFitGoToErrorsWithLineRawValueColumnAndRule() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-1,2026-11-22T08:00:00Z,not-a-number
                o-3,,2026-11-22T08:00:00Z,2.00
                """);

        Manifest manifest = curate(Datasets.orders("\"maxErrorRatio\": 0.9"), input);

        assertThat(manifest.rowsIn()).isEqualTo(3);
        assertThat(manifest.rejected()).isEqualTo(2);
        assertThat(read().collectAsList())
                .extracting(row -> row.<String>getAs("order_id"))
                .containsExactly("o-1");
        assertThat(errors())
                .containsExactlyInAnyOrder(
                        "line 3 amount not_a_number 'not-a-number' | o-2,c-1,2026-11-22T08:00:00Z,not-a-number",
                        "line 4 customer_id missing null | o-3,,2026-11-22T08:00:00Z,2.00");
        assertThat(manifest.rejects())
                .extracting(Manifest.RejectCount::column)
                .containsExactlyInAnyOrder("amount", "customer_id");
        assertThat(manifest.errors()).endsWith("/_errors/run_id=run-1/");
    }

    @Test
    void aFileOfGoodAndBadRowsCuratesExactlyTheGoodOnesAndExplainsEachBadOne() throws IOException {
        StringBuilder csv = new StringBuilder("order_id,customer_id,order_ts,amount,status\n");
        List<String> bad = List.of(
                "bad-1,c-1,2026-11-22T08:00:00Z,12.00,open,extra",
                "bad-2,c-1,2026-11-22T08:00:00Z",
                "bad-3,c-1,2026-11-22T08:00:00Z,12.7.1,open",
                "bad-4,c-1,2026-11-22T08:00:00Z,19.999,open",
                "bad-5,c-1,2026-11-22T08:00:00Z,12345678901.00,open",
                "bad-6,c-1,2026-02-30T08:00:00Z,1.00,open");
        int line = 1;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            csv.append("o-")
                    .append(i)
                    .append(",c-")
                    .append(i % 7)
                    .append(",2026-11-22T08:00:00Z,")
                    .append(i)
                    .append(".25,open\n");
            line++;
            if (i % 40 == 20) {
                String row = bad.get(expected.size());
                csv.append(row).append('\n');
                line++;
                expected.add("line " + line + " | " + row);
            }
        }
        csv.append(bad.get(5)).append('\n');
        expected.add("line " + (line + 1) + " | " + bad.get(5));
        Path input = write("orders.csv", csv.toString());

        Manifest manifest = curate(Datasets.orders("\"key\": [\"order_id\"]"), input);

        assertThat(manifest.rowsOut()).isEqualTo(200);
        assertThat(read().selectExpr("sum(amount)").first().<BigDecimal>getAs(0))
                .isEqualByComparingTo("19950.00");
        assertThat(errors())
                .extracting(error -> error.replaceFirst(" \\S+ \\S+ \\S+ \\| ", " | "))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(errors())
                .anySatisfy(error -> assertThat(error).startsWith("line 23 null field_count"))
                .anySatisfy(error -> assertThat(error).contains(" amount not_a_number '12.7.1' "))
                .anySatisfy(error -> assertThat(error).contains(" amount scale '19.999' "))
                .anySatisfy(error -> assertThat(error).contains(" amount out_of_range '12345678901.00' "))
                .anySatisfy(error -> assertThat(error).contains(" order_ts impossible_date '2026-02-30T08:00:00Z' "));
    }

    @Test
    void tooManyRejectsFailTheRunNamingTheTopRulesAndStillWriteTheErrors() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-1,2026-11-22T08:00:00Z,bad
                o-3,c-1,yesterday,bad
                """);

        assertThatThrownBy(() -> curate(Datasets.orders("\"maxErrorRatio\": 0.1"), input))
                .isInstanceOf(TooManyRejects.class)
                .hasMessageStartingWith(
                        "2 of 3 rows do not fit dataset orders (66.7% > 10.0% allowed): amount not_a_number 2, "
                                + "order_ts not_a_date 1; the rejected rows are in ")
                .hasMessageContaining("_errors/run_id=run-1/");
        assertThat(list(out()))
                .as("no table, manifest or staging: only the errors")
                .containsExactly("_errors");
        assertThat(errors()).hasSize(3);
        assertThat(Files.readString(out().resolve("_errors/run_id=run-1/_rejects.json")))
                .contains("{\"column\":\"amount\",\"rule\":\"not_a_number\",\"count\":2}");
    }

    @Test
    void dropsDuplicatesByKey() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-1,c-1,2026-11-22T08:00:00Z,1.00
                o-2,c-2,2026-11-22T08:00:00Z,2.00
                o-2,c-9,2026-11-22T09:00:00Z,3.00
                """);

        Manifest manifest = curate(Datasets.orders("\"key\": [\"order_id\"]"), input);

        assertThat(manifest.rowsOut()).isEqualTo(2);
        assertThat(manifest.duplicates()).isEqualTo(2);
        assertThat(manifest.dedupe()).isEqualTo("key");
        assertThat(read().collectAsList())
                .extracting(row -> row.<String>getAs("order_id"))
                .containsExactlyInAnyOrder("o-1", "o-2");
    }

    @Test
    void withoutAKeyDuplicatesAreRowsEqualInEverySourceColumnIncludingUndeclaredOnes() throws IOException {
        Path input = write("orders.csv", """
                order_id,customer_id,order_ts,amount,channel
                o-1,c-1,2026-11-22T08:00:00Z,1.00,web
                o-1,c-1,2026-11-22T08:00:00Z,1.00,web
                o-1,c-1,2026-11-22T08:00:00Z,1.00,shop
                """);

        Manifest manifest = curate(Datasets.orders(""), input);

        assertThat(manifest.rowsOut())
                .as("the channel tells the third row apart, although it is not curated")
                .isEqualTo(2);
        assertThat(manifest.duplicates()).isEqualTo(1);
        assertThat(manifest.extraColumns()).containsExactly("channel");
        assertThat(manifest.extraPolicy()).isEqualTo("drop");
    }

    @Test
    void dedupeNoneKeepsEveryRow() throws IOException {
        Path input = write("orders.csv", ONE_ORDER + ORDER);

        Manifest manifest = curate(Datasets.orders("\"dedupe\": \"none\""), input);

        assertThat(manifest.rowsOut()).isEqualTo(2);
        assertThat(manifest.dedupe()).isEqualTo("none");
    }

    @Test
    void extraColumnsCanBeKeptAsStrings() throws IOException {
        Path input = write(
                "orders.csv",
                "order_id,customer_id,order_ts,amount,Sales Channel\no-1,c-1,2026-11-22T08:00:00Z,1.00,web\n");

        Manifest manifest = curate(Datasets.orders("\"extraColumns\": \"keep\""), input);

        assertThat(read().first().<String>getAs("sales_channel")).isEqualTo("web");
        assertThat(manifest.schema()).containsEntry("sales_channel", "string");
    }

    @Test
    void extraColumnsCanRejectTheFile() throws IOException {
        Path input = write(
                "orders.csv", "order_id,customer_id,order_ts,amount,channel\no-1,c-1,2026-11-22T08:00:00Z,1.00,web\n");

        assertThatThrownBy(() -> curate(Datasets.orders("\"extraColumns\": \"reject\""), input))
                .isInstanceOf(InvalidSourceFile.class)
                .hasMessageEndingWith("columns channel are not in dataset orders (extraColumns: reject)");
    }

    @Test
    void aFileThatIsNotThereFailsTheRunNamingIt() {
        Path missing = dir.resolve("orders-gone.csv");

        assertThatThrownBy(() -> curate(Datasets.orders(""), missing))
                .isInstanceOf(InvalidSourceFile.class)
                .hasMessageContaining("orders-gone.csv: cannot be read (FileNotFoundException");
    }

    @Test
    void aTruncatedGzipFailsTheRunNamingIt() throws IOException {
        Path whole = dir.resolve("whole.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(("order_id,customer_id,order_ts,amount\n" + ORDER.repeat(2000)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("orders-cut.csv.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> curate(Datasets.orders(""), truncated))
                .isInstanceOf(InvalidSourceFile.class)
                .hasMessageContaining("orders-cut.csv.gz: cannot be read (EOFException");
    }

    @Test
    void aHeaderNamingAColumnTwiceFailsTheFile() throws IOException {
        Path input = write(
                "orders.csv", "order_id,customer_id,order_ts,amount,Order ID\no-1,c-1,2026-11-22T08:00:00Z,1.00,o-2\n");

        assertThatThrownBy(() -> curate(Datasets.orders(""), input))
                .hasMessageEndingWith("the header names column order_id twice (columns 1 and 5)");
    }

    @Test
    void datesOfAnyYearAreWrittenAsTheyAre() throws IOException {
        Path input = write(
                "days.csv",
                "id,day,at\na,1899-12-30,1899-12-30T00:00:00Z\nb,0001-01-01,0001-01-01T00:00:00Z\nc,1582-10-10,1582-10-10T12:00:00Z\n");
        DatasetSpec days = Datasets.dataset("days", """
                [{"name": "id", "type": "string"}, {"name": "day", "type": "date"}, {"name": "at", "type": "timestamp"}]""", "");

        Manifest manifest = curate(days, input);

        assertThat(manifest.rowsOut()).isEqualTo(3);
        assertThat(spark.table("lake.days")
                        .selectExpr("id", "cast(day as string) as day", "cast(at as string) as at")
                        .orderBy("id")
                        .collectAsList())
                .extracting(row -> row.getString(0) + " " + row.getString(1) + " " + row.getString(2))
                .containsExactly(
                        "a 1899-12-30 1899-12-30 00:00:00",
                        "b 0001-01-01 0001-01-01 00:00:00",
                        "c 1582-10-10 1582-10-10 12:00:00");
    }

    @Test
    void aRepeatedRunOfTheSameSourceAddsNoRowsAndNoSnapshot() throws IOException {
        Path input = write("orders.csv", ONE_ORDER);
        Manifest first = curate(Datasets.orders(""), input);
        long snapshots = spark.table("lake.orders.snapshots").count();

        Manifest again = curate(Datasets.orders(""), input);

        assertThat(read().count()).isEqualTo(1);
        assertThat(spark.table("lake.orders.snapshots").count()).isEqualTo(snapshots);
        assertThat(again.table().replayed()).isTrue();
        assertThat(again.table().snapshotId()).isEqualTo(first.table().snapshotId());
        assertThat(again.rowsOut()).as("the same run: the counts it committed").isEqualTo(first.rowsOut());
    }

    @Test
    void theManifestIsWrittenLastWithCountsSchemaAndFiles() throws IOException {
        Path input = write("orders.csv", ONE_ORDER);

        Manifest manifest = curate(Datasets.orders(""), input);

        byte[] written = Files.readAllBytes(out().resolve(Manifest.relativePath("run-1")));
        assertThat(ManifestJson.read(written)).isEqualTo(manifest);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .contains("\"rows\"")
                .contains("\"files\"")
                .contains("\"schema\"")
                .contains("\"rejects\":[]")
                .contains("\"snapshot\":" + manifest.table().snapshotId());
        assertThat(out().resolve("_errors")).doesNotExist();
    }

    private Manifest curate(DatasetSpec dataset, Path input) {
        return new Curation(spark, dataset)
                .run(new JobArguments(
                        input.toUri().getScheme() + "://" + input.toAbsolutePath(),
                        dir.resolve("curated").resolve(dataset.name()).toUri().toString(),
                        dataset.name(),
                        "run-1"));
    }

    /** The orders table's folder: the table's data and metadata, and the run documents beside them. */
    private Path out() {
        return dir.resolve("curated/orders");
    }

    /** The table the tests' runs committed to, read through Iceberg. */
    private org.apache.spark.sql.Dataset<Row> read() {
        return spark.table("lake.orders");
    }

    /** Each rejected row as "line N column rule 'value' | raw", one entry per broken rule. */
    private List<String> errors() {
        return spark
                .read()
                .json(out().resolve("_errors/run_id=run-1").toString())
                .selectExpr("line", "raw", "explode(errors) as e")
                .selectExpr("line", "raw", "e.column", "e.rule", "e.value")
                .collectAsList()
                .stream()
                .map(row -> "line " + row.getLong(0) + " " + row.getString(2) + " " + row.getString(3) + " "
                        + (row.isNullAt(4) ? "null" : "'" + row.getString(4) + "'") + " | " + row.getString(1))
                .toList();
    }

    /** The one Parquet file Spark writes for the rows of {@code select}, as a source lands it. */
    private Path parquet(String select) throws IOException {
        Path folder = dir.resolve("source.parquet");
        spark.sql(select).coalesce(1).write().parquet(folder.toString());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Set<String> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.core.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.dataset.DataFormat;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per rule: each fails if its rule is removed. Files come from events/data/. */
class LandingRulesTest {

    private final LandingRules rules = new LandingRules(DatasetCatalog.bundled());

    @Test
    void acceptsAGoodCsvAndChoosesItsDatasetsEngine() {
        Verdict verdict = check("orders/2026/11/22/orders.csv", Fixtures.bytes("data/orders.csv"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Accepted.class, accepted -> {
            assertThat(accepted.dataset().name()).isEqualTo("orders");
            assertThat(accepted.format()).isEqualTo(DataFormat.CSV);
            assertThat(accepted.engine()).isEqualTo(Engine.EMR_SERVERLESS);
        });
    }

    @Test
    void acceptsGoodJsonLines() {
        assertThat(check("orders/2026/11/22/orders.jsonl", Fixtures.bytes("data/orders.jsonl")))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void acceptsGzipCompressedCsvReadingOnlyItsHead() {
        Verdict verdict = check("orders/2026/11/22/orders.csv.gz", Fixtures.bytes("data/orders.csv.gz"));

        assertThat(verdict)
                .isInstanceOfSatisfying(
                        Verdict.Accepted.class,
                        accepted -> assertThat(accepted.gzip()).isTrue());
    }

    @Test
    void acceptsACsvInItsDatasetsDialect() {
        assertThat(check("customers/2026/11/22/customers.csv", Fixtures.bytes("data/customers.csv")))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void acceptsAParquetFileWithMagicAtHeadAndTail() {
        byte[] parquet = "PAR1....footer....PAR1".getBytes(StandardCharsets.US_ASCII);

        assertThat(check("orders/2026/11/22/orders.parquet", parquet)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void rejectsAFolderMarker() {
        assertThat(ruleOf(check("orders/2026/11/22/", new byte[0]))).isEqualTo(Rule.FOLDER_MARKER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/../secrets.csv", "orders/./a.csv", "orders/a\u0007.csv", "orders/line\nbreak.csv"})
    void rejectsUnsafeKeys(String key) {
        assertThat(ruleOf(check(key, Fixtures.bytes("data/orders.csv")))).isEqualTo(Rule.UNSAFE_KEY);
    }

    @Test
    void rejectsAKeyOutsideEveryDataset() {
        assertThat(ruleOf(check("invoices/2026/a.csv", Fixtures.bytes("data/orders.csv"))))
                .isEqualTo(Rule.UNKNOWN_DATASET);
    }

    @Test
    void rejectsAFormatTheDatasetDoesNotAccept() {
        assertThat(ruleOf(check("orders/2026/notes.txt", Fixtures.bytes("data/bad/orders-notes.txt"))))
                .isEqualTo(Rule.UNSUPPORTED_FORMAT);
    }

    @Test
    void rejectsAFormatAcceptedElsewhereButNotByThisDataset() {
        byte[] parquet = "PAR1....footer....PAR1".getBytes(StandardCharsets.US_ASCII);

        assertThat(ruleOf(check("customers/2026/c.parquet", parquet))).isEqualTo(Rule.UNSUPPORTED_FORMAT);
    }

    @Test
    void rejectsGzipParquet() {
        assertThat(ruleOf(check("orders/2026/o.parquet.gz", new byte[] {1, 2, 3})))
                .isEqualTo(Rule.UNSUPPORTED_FORMAT);
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThat(ruleOf(check("orders/2026/orders.csv", Fixtures.bytes("data/bad/orders-empty.csv"))))
                .isEqualTo(Rule.EMPTY_FILE);
    }

    @Test
    void rejectsAFileBelowTheDatasetsMinimum() {
        var strict = new LandingRules(DatasetCatalog.parse("""
                {"defaults": {"formats": ["csv"], "gzip": false, "minBytes": 1000, "maxBytes": 5000,
                              "csv": {"delimiter": ",", "quote": "\\""}, "engine": "GLUE", "timeoutMinutes": 10,
                              "maxErrorRatio": 0, "partitionBy": []},
                 "datasets": {"orders": {"prefix": "orders/", "columns": [{"name": "order_id", "type": "string"}]}}}
                """.getBytes(StandardCharsets.UTF_8)));
        byte[] small = Fixtures.bytes("data/orders.csv");

        Verdict verdict = strict.check("orders/2026/o.csv", small.length, head(small));

        assertThat(ruleOf(verdict)).isEqualTo(Rule.TOO_SMALL);
    }

    @Test
    void rejectsAFileAboveTheDatasetsMaximum() {
        Verdict verdict = rules.check(
                "customers/2026/c.csv", 2L * 1024 * 1024 * 1024, head(Fixtures.bytes("data/customers.csv")));

        assertThat(ruleOf(verdict)).isEqualTo(Rule.TOO_LARGE);
    }

    @Test
    void rejectsACsvWithoutItsRequiredColumnsAndNamesThem() {
        Verdict verdict = check("orders/2026/o.csv", Fixtures.bytes("data/bad/orders-missing-columns.csv"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> {
            assertThat(rejected.violation().rule()).isEqualTo(Rule.MISSING_COLUMNS);
            assertThat(rejected.violation().message()).contains("[customer_id, order_ts, amount]");
        });
    }

    @Test
    void rejectsACsvInTheWrongDialect() {
        // customers are ';'-separated: a ','-separated header is one unknown column.
        byte[] commaSeparated = "customer_id,name,country\nc-1,Ada,GB\n".getBytes(StandardCharsets.UTF_8);

        assertThat(ruleOf(check("customers/2026/c.csv", commaSeparated))).isEqualTo(Rule.MISSING_COLUMNS);
    }

    @Test
    void readsQuotedHeaderNamesWithDelimitersInside() {
        byte[] csv = "\"order_id\",\"customer_id\",\"order_ts\",\"amount, EUR\",\"amount\"\n1,2,3,4,5\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(check("orders/2026/o.csv", csv)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void rejectsACsvWhoseFirstLineIsBlank() {
        assertThat(ruleOf(check("orders/2026/o.csv", Fixtures.bytes("data/bad/orders-no-header.csv"))))
                .isEqualTo(Rule.NO_CSV_HEADER);
    }

    @Test
    void rejectsACsvWhoseHeaderDoesNotEndInTheHeadItReads() {
        byte[] endless = ("order_id," + "x".repeat(ContentSniffer.HEAD_BYTES)).getBytes(StandardCharsets.UTF_8);

        Verdict verdict = rules.check("orders/2026/o.csv", endless.length + 100L, head(endless));

        assertThat(ruleOf(verdict)).isEqualTo(Rule.NO_CSV_HEADER);
    }

    @Test
    void rejectsJsonLinesWhoseFirstLineIsNotAnObject() {
        assertThat(ruleOf(check("orders/2026/o.jsonl", Fixtures.bytes("data/bad/orders-not-json.jsonl"))))
                .isEqualTo(Rule.NOT_JSON_OBJECT);
    }

    @Test
    void rejectsAJsonArrayOfOtherThanObjects() {
        assertThat(ruleOf(check("orders/2026/o.jsonl", "[1,2]\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Rule.NOT_JSON_OBJECT);
    }

    @Test
    void acceptsAJsonFileHoldingOneArrayOfObjects() {
        byte[] array = "[\n  {\"order_id\": \"o-1\"},\n  {\"order_id\": \"o-2\"}\n]\n".getBytes(StandardCharsets.UTF_8);

        assertThat(check("orders/2026/11/22/ORDERS.JSON", array)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void rejectsAParquetNameOnOtherContent() {
        assertThat(ruleOf(check("orders/2026/o.parquet", Fixtures.bytes("data/bad/orders-not-parquet.parquet"))))
                .isEqualTo(Rule.NOT_PARQUET);
    }

    @Test
    void rejectsAParquetFileTruncatedBeforeItsFooter() {
        assertThat(ruleOf(check(
                        "orders/2026/o.parquet",
                        "PAR1 and then the upload stopped".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(Rule.NOT_PARQUET);
    }

    @Test
    void rejectsAGzipNameOnPlainText() {
        assertThat(ruleOf(check("orders/2026/o.csv.gz", Fixtures.bytes("data/bad/orders-corrupt.csv.gz"))))
                .isEqualTo(Rule.CORRUPT_GZIP);
    }

    @Test
    void checksTheHeaderInsideGzip() throws IOException {
        assertThat(ruleOf(check("orders/2026/o.csv.gz", gzip(Fixtures.bytes("data/bad/orders-missing-columns.csv")))))
                .isEqualTo(Rule.MISSING_COLUMNS);
    }

    private Verdict check(String key, byte[] content) {
        return rules.check(key, content.length, head(content));
    }

    private static Rule ruleOf(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) verdict).violation().rule();
    }

    private static ObjectHead head(byte[] content) {
        return new ObjectHead() {
            @Override
            public byte[] first(int length) {
                return Arrays.copyOf(content, Math.min(length, content.length));
            }

            @Override
            public byte[] last(int length) {
                int n = Math.min(length, content.length);
                return Arrays.copyOfRange(content, content.length - n, content.length);
            }
        };
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        return out.toByteArray();
    }
}

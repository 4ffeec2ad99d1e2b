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
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test or case per rule: each fails if its rule is removed. Files come from events/data/. */
class LandingRulesTest {

    /** The magic Parquet starts and ends with, around what stands for a footer. */
    private static final byte[] PARQUET = "PAR1....footer....PAR1".getBytes(StandardCharsets.US_ASCII);

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
    void acceptsGzipCompressedCsvReadingOnlyItsHead() {
        Verdict verdict = check("orders/2026/11/22/orders.csv.gz", Fixtures.bytes("data/orders.csv.gz"));

        assertThat(verdict)
                .isInstanceOfSatisfying(
                        Verdict.Accepted.class,
                        accepted -> assertThat(accepted.gzip()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/../secrets.csv", "orders/./a.csv", "orders/a\u0007.csv", "orders/line\nbreak.csv"})
    void rejectsUnsafeKeys(String key) {
        assertThat(ruleOf(check(key, Fixtures.bytes("data/orders.csv")))).isEqualTo(Rule.UNSAFE_KEY);
    }

    /** Files each rule lets through, one a case: a rule that grew too strict fails its case. */
    static Stream<Arguments> acceptedFiles() {
        return Stream.of(
                Arguments.of("JSON Lines", "orders/2026/11/22/orders.jsonl", Fixtures.bytes("data/orders.jsonl")),
                Arguments.of(
                        "a CSV in its dataset's dialect",
                        "customers/2026/11/22/customers.csv",
                        Fixtures.bytes("data/customers.csv")),
                Arguments.of(
                        "a Parquet file with its magic at head and tail", "orders/2026/11/22/orders.parquet", PARQUET),
                Arguments.of(
                        "quoted header names with delimiters inside",
                        "orders/2026/o.csv",
                        bytes("\"order_id\",\"customer_id\",\"order_ts\",\"amount, EUR\",\"amount\"\n1,2,3,4,5\n")),
                Arguments.of(
                        "a JSON file holding one array of objects",
                        "orders/2026/11/22/ORDERS.JSON",
                        bytes("[\n  {\"order_id\": \"o-1\"},\n  {\"order_id\": \"o-2\"}\n]\n")));
    }

    @ParameterizedTest(name = "accepts {0}")
    @MethodSource("acceptedFiles")
    void acceptsAFileEveryRuleLetsThrough(String what, String key, byte[] content) {
        assertThat(check(key, content)).isInstanceOf(Verdict.Accepted.class);
    }

    /** A file (or key) each rule refuses, one a case: each case fails if its rule is removed. */
    static Stream<Arguments> rejectedFiles() throws IOException {
        return Stream.of(
                Arguments.of("a folder marker", "orders/2026/11/22/", new byte[0], Rule.FOLDER_MARKER),
                Arguments.of(
                        "a key outside every dataset",
                        "invoices/2026/a.csv",
                        Fixtures.bytes("data/orders.csv"),
                        Rule.UNKNOWN_DATASET),
                Arguments.of(
                        "a format the dataset does not accept",
                        "orders/2026/notes.txt",
                        Fixtures.bytes("data/bad/orders-notes.txt"),
                        Rule.UNSUPPORTED_FORMAT),
                Arguments.of(
                        "a format accepted elsewhere but not by this dataset",
                        "customers/2026/c.parquet",
                        PARQUET,
                        Rule.UNSUPPORTED_FORMAT),
                Arguments.of("gzip Parquet", "orders/2026/o.parquet.gz", new byte[] {1, 2, 3}, Rule.UNSUPPORTED_FORMAT),
                Arguments.of(
                        "an empty file",
                        "orders/2026/orders.csv",
                        Fixtures.bytes("data/bad/orders-empty.csv"),
                        Rule.EMPTY_FILE),
                // customers are ';'-separated: a ','-separated header is one unknown column.
                Arguments.of(
                        "a CSV in the wrong dialect",
                        "customers/2026/c.csv",
                        bytes("customer_id,name,country\nc-1,Ada,GB\n"),
                        Rule.MISSING_COLUMNS),
                Arguments.of(
                        "a CSV whose first line is blank",
                        "orders/2026/o.csv",
                        Fixtures.bytes("data/bad/orders-no-header.csv"),
                        Rule.NO_CSV_HEADER),
                Arguments.of(
                        "JSON Lines whose first line is not an object",
                        "orders/2026/o.jsonl",
                        Fixtures.bytes("data/bad/orders-not-json.jsonl"),
                        Rule.NOT_JSON_OBJECT),
                Arguments.of(
                        "a JSON array of other than objects",
                        "orders/2026/o.jsonl",
                        bytes("[1,2]\n"),
                        Rule.NOT_JSON_OBJECT),
                Arguments.of(
                        "a Parquet name on other content",
                        "orders/2026/o.parquet",
                        Fixtures.bytes("data/bad/orders-not-parquet.parquet"),
                        Rule.NOT_PARQUET),
                Arguments.of(
                        "a Parquet file truncated before its footer",
                        "orders/2026/o.parquet",
                        "PAR1 and then the upload stopped".getBytes(StandardCharsets.US_ASCII),
                        Rule.NOT_PARQUET),
                Arguments.of(
                        "a gzip name on plain text",
                        "orders/2026/o.csv.gz",
                        Fixtures.bytes("data/bad/orders-corrupt.csv.gz"),
                        Rule.CORRUPT_GZIP),
                Arguments.of(
                        "a CSV whose header inside gzip lacks required columns",
                        "orders/2026/o.csv.gz",
                        gzip(Fixtures.bytes("data/bad/orders-missing-columns.csv")),
                        Rule.MISSING_COLUMNS));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("rejectedFiles")
    void rejectsAFileByItsRule(String what, String key, byte[] content, Rule rule) {
        assertThat(ruleOf(check(key, content))).isEqualTo(rule);
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
    void rejectsACsvWhoseHeaderDoesNotEndInTheHeadItReads() {
        byte[] endless = ("order_id," + "x".repeat(ContentSniffer.HEAD_BYTES)).getBytes(StandardCharsets.UTF_8);

        Verdict verdict = rules.check("orders/2026/o.csv", endless.length + 100L, head(endless));

        assertThat(ruleOf(verdict)).isEqualTo(Rule.NO_CSV_HEADER);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

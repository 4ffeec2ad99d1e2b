package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config/datasets.json is checked where it is read: each mistake fails with one line naming the dataset and field. */
class DatasetConfigCheckTest {

    @TestFactory
    Stream<DynamicTest> everyConfigFileInTheRepositoryIsValid() throws IOException {
        Path config = Path.of(System.getProperty("pipeline.root", "../.."), "config");
        try (Stream<Path> files = Files.list(config)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(
                            file.getFileName().toString(),
                            () -> assertThat(DatasetCatalog.read(file).all()).isNotEmpty()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt column field    | {"name": "id", "type": "string", "requierd": true}              | datasets.d.columns[0].requierd: unknown field (did you mean required?); fields here: name, type, required, format, timeZone
            an unknown type            | {"name": "at", "type": "datetime"}                              | datasets.d.columns[0].type: unknown type datetime (did you mean timestamp?) (string, int, bigint, double, boolean, date, timestamp, decimal(p,s); decimal precision 1 to 38, scale 0 to precision)
            a decimal beyond 38 digits | {"name": "n", "type": "decimal(40,2)"}                          | datasets.d.columns[0].type: unknown type decimal(40,2) (string, int, bigint, double, boolean, date, timestamp, decimal(p,s); decimal precision 1 to 38, scale 0 to precision)
            a name that is not curated | {"name": "Order ID", "type": "string"}                          | datasets.d.columns[0].name: Order ID is not a curated column name (lower case letters, digits and _, starting with a letter: order_id?)
            a bad datetime pattern     | {"name": "at", "type": "date", "format": "yyyy-MM-dd bb"}       | datasets.d.columns[0].format: format 'yyyy-MM-dd bb' is not a datetime pattern: Unknown pattern letter: b
            a format on a number       | {"name": "n", "type": "int", "format": "0.00"}                  | datasets.d.columns[0].format applies to date and timestamp columns only
            an unknown time zone       | {"name": "at", "type": "timestamp", "timeZone": "Mars/Olympus"} | datasets.d.columns[0].timeZone: unknown time zone Mars/Olympus (a region such as Europe/Paris, or an offset such as +01:00)
            """)
    void aBadColumnFailsNamingItsField(String mistake, String column, String message) {
        assertThatThrownBy(() -> parse("\"d\": {\"prefix\": \"d/\", \"columns\": [" + column + "]}"))
                .isInstanceOf(InvalidDatasetConfig.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt dataset field  | "maxErorRatio": 0.1               | datasets.d.maxErorRatio: unknown field (did you mean maxErrorRatio?)
            a key that is no column   | "key": ["order_id"]              | datasets.d.key: order_id is not a column of the dataset (columns: id, at)
            a partition no column     | "partitionBy": ["day"]           | datasets.d.partitionBy: day is not a column of the dataset (columns: id, at, or ingest_date)
            a transform of no column  | "partitionBy": ["days(day)"]     | datasets.d.partitionBy: day is not a column of the dataset (columns: id, at, or ingest_date)
            an unknown transform      | "partitionBy": ["weeks(at)"]     | datasets.d.partitionBy: weeks(at) is neither a column nor a partition transform
            a transform that misfits  | "partitionBy": ["days(id)"]      | datasets.d.partitionBy: days(id): days does not apply to a string column
            an ordering without a key | "orderBy": "at"                  | datasets.d.orderBy orders the rows of one key: it needs a key
            two time transforms       | "partitionBy": ["days(at)", "months(at)"] | datasets.d.partitionBy: months(at) and days(at) partition at twice
            a transform of the day    | "partitionBy": ["days(ingest_date)"] | datasets.d.partitionBy: days(ingest_date): ingest_date is a day already
            an error ratio above one  | "maxErrorRatio": 5               | datasets.d.maxErrorRatio must be between 0 and 1
            a fractional timeout      | "timeoutMinutes": 1.5            | datasets.d.timeoutMinutes must be a whole number from 1 to 10080
            an unknown policy         | "extraColumns": "ignore"         | datasets.d.extraColumns: unknown value ignore (drop, keep, reject)
            an unknown dedupe         | "dedupe": "row"                  | datasets.d.dedupe: unknown value row (did you mean rows?) (rows, none)
            an encoding not ASCII     | "encoding": "UTF-16"             | datasets.d.encoding: UTF-16 does not write ASCII as ASCII (UTF-8, ISO-8859-1, windows-1252 and the like do)
            equal separators          | "decimalSeparator": ",", "thousandsSeparator": "," | datasets.d: decimalSeparator and thousandsSeparator must differ
            a record bound too large  | "maxRecordBytes": 1000000000     | datasets.d.maxRecordBytes must be a whole number from 1 to 67108864
            a delimiter of two chars  | "csv": {"delimiter": ";;", "quote": "\\""} | datasets.d.csv.delimiter must be a single ASCII character other than a line break
            the offline engine        | "engine": "LOCAL"                | datasets.d.engine must be EMR_SERVERLESS, GLUE, EMR or EMR_LIVY
            an engine nobody knows    | "engine": "EMR_ON_MARS"          | datasets.d.engine must be EMR_SERVERLESS, GLUE, EMR or EMR_LIVY
            """)
    void aBadDatasetFieldFailsNamingIt(String mistake, String fields, String message) {
        assertThatThrownBy(() -> parse("\"d\": {\"prefix\": \"d/\", " + fields + ", \"columns\": "
                        + "[{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"at\", \"type\": \"timestamp\"}]}"))
                .isInstanceOf(InvalidDatasetConfig.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aKeyColumnMustBeRequired() {
        assertThatThrownBy(
                        () -> parse(
                                "\"d\": {\"prefix\": \"d/\", \"key\": [\"id\"], \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]}"))
                .hasMessage(
                        "datasets.d.key: column id must be required (a row without its key cannot be told from another)");
    }

    @Test
    void anExplicitNullIsRefused() {
        assertThatThrownBy(
                        () -> parse(
                                "\"d\": {\"prefix\": \"d/\", \"maxBytes\": null, \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]}"))
                .hasMessage("datasets.d.maxBytes must not be null (leave it out to use the default)");
    }

    @Test
    void textAfterTheConfigurationIsRefused() {
        assertThatThrownBy(
                        () -> DatasetCatalog.parse("{\"datasets\": {}} {\"garbage\":".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("datasets config has text after its JSON object");
    }

    @Test
    void twoDatasetsCannotShareAPrefix() {
        assertThatThrownBy(() -> parse("""
                "a": {"prefix": "x/", "columns": [{"name": "id", "type": "string"}]},
                "b": {"prefix": "x/", "columns": [{"name": "id", "type": "string"}]}
                """))
                .hasMessage("datasets.b.prefix: x/ is datasets.a's prefix too (a landed key needs one dataset)");
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        assertThatThrownBy(() -> DatasetCatalog.parse(
                        "{\"datasets\": {\"a\": {}}, \"dataset\": {}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("dataset: unknown field (did you mean datasets?)");
    }

    @Test
    void theRowRulesHaveStrictDefaultsAndCanBeSetPerDataset() {
        DatasetCatalog catalog = parse("""
                "plain": {"prefix": "p/", "columns": [{"name": "id", "type": "string"}]},
                "french": {"prefix": "f/", "decimalSeparator": ",", "thousandsSeparator": " ", "timeZone": "Europe/Paris",
                           "encoding": "windows-1252", "invalidEncoding": "fail-file", "extraColumns": "keep", "dedupe": "none",
                           "columns": [{"name": "jour", "type": "date", "format": "dd/MM/yyyy"}]}
                """);

        assertThat(catalog.named("plain").orElseThrow().rows()).isEqualTo(RowRules.defaults());
        RowRules french = catalog.named("french").orElseThrow().rows();
        assertThat(french.decimalSeparator()).isEqualTo(',');
        assertThat(french.thousandsSeparator()).isEqualTo(' ');
        assertThat(french.timeZone()).hasToString("Europe/Paris");
        assertThat(french.encoding()).isEqualTo("windows-1252");
        assertThat(french.invalidEncoding()).isEqualTo(RowRules.InvalidEncoding.FAIL_FILE);
        assertThat(french.extraColumns()).isEqualTo(RowRules.ExtraColumns.KEEP);
        assertThat(french.dedupe()).isEqualTo(RowRules.Dedupe.NONE);
        assertThat(catalog.named("french").orElseThrow().columns().get(0).format())
                .isEqualTo("dd/MM/yyyy");
    }

    @Test
    void jsonIsAcceptedAsTheNameOfTheJsonFormat() {
        assertThatCode(
                        () -> parse(
                                "\"a\": {\"prefix\": \"a/\", \"formats\": [\"json\"], \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]}"))
                .doesNotThrowAnyException();
    }

    @Test
    void aDatasetMayRunThroughLivyOnEmr() {
        DatasetCatalog catalog = parse(
                "\"a\": {\"prefix\": \"a/\", \"engine\": \"EMR_LIVY\", \"columns\": [{\"name\": \"id\", \"type\": \"string\"}]}");

        assertThat(catalog.named("a").orElseThrow().engine())
                .isEqualTo(dev.sparkpipeline.core.contract.Engine.EMR_LIVY);
    }

    private static DatasetCatalog parse(String datasets) {
        String defaults = """
                {"formats": ["csv", "jsonl", "parquet"], "gzip": true, "minBytes": 1, "maxBytes": 1000,
                 "csv": {"delimiter": ",", "quote": "\\""}, "engine": "EMR_SERVERLESS", "timeoutMinutes": 60,
                 "maxErrorRatio": 0.05, "partitionBy": ["ingest_date"]}""";
        return DatasetCatalog.parse(("{\"defaults\": " + defaults + ", \"datasets\": {" + datasets + "}}")
                .getBytes(StandardCharsets.UTF_8));
    }
}

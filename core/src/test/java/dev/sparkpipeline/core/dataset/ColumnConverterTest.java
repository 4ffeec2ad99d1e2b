package dev.sparkpipeline.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What "exactly" means, type by type: a value converts to the same value or is rejected with its rule. */
class ColumnConverterTest {

    /** Numbers written as in much of Europe: a decimal comma and dots between the thousands. */
    private static final RowRules EUROPEAN = RowRules.defaults().withNumberFormat(',', '.');

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            int            | 42                   | 42
            int            | -7                   | -7
            int            | +7                   | 7
            int            | 12.0                 | 12
            int            | 1e3                  | 1000
            int            | 2147483647           | 2147483647
            bigint         | 9223372036854775807  | 9223372036854775807
            decimal(12,2)  | 19.99                | 19.99
            decimal(12,2)  | 19.9                 | 19.90
            decimal(12,2)  | 19.990               | 19.99
            decimal(12,2)  | 1e3                  | 1000.00
            decimal(4,2)   | -99.99               | -99.99
            double         | 0.1                  | 0.1
            double         | -1.5e-3              | -0.0015
            boolean        | TRUE                 | true
            boolean        | false                | false
            date           | 2026-02-28           | 2026-02-28
            date           | 0001-01-01           | 0001-01-01
            date           | 1899-12-30           | 1899-12-30
            timestamp      | 2026-11-22T08:00:00Z | 2026-11-22T08:00:00Z
            timestamp      | 2026-11-22 08:00:00  | 2026-11-22T08:00:00Z
            timestamp      | 2026-11-22T09:00:00+01:00 | 2026-11-22T08:00:00Z
            timestamp      | 2026-11-22T09:00:00+0100 | 2026-11-22T08:00:00Z
            timestamp      | 2026-11-22T08:00:00.123456Z | 2026-11-22T08:00:00.123456Z
            timestamp      | 2026-11-22           | 2026-11-22T00:00:00Z
            string         | '  kept as is  '     | '  kept as is  '
            """)
    void convertsExactly(String type, String text, String expected) {
        Object value = converter(type, null).convert(text);

        assertThat(value).isNotInstanceOf(Rejection.class);
        assertThat(value.getClass().getSimpleName())
                .isEqualTo(
                        switch (type.replaceAll("\\(.*", "")) {
                            case "int" -> "Integer";
                            case "bigint" -> "Long";
                            case "decimal" -> "BigDecimal";
                            case "double" -> "Double";
                            case "boolean" -> "Boolean";
                            case "date" -> "LocalDate";
                            case "timestamp" -> "Instant";
                            default -> "String";
                        });
        assertThat(value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            int            | 12.7                 | fraction        | '12.7' is not a whole number (int)
            int            | -0.9                 | fraction        | '-0.9' is not a whole number (int)
            int            | 2147483648           | out_of_range    | '2147483648' is out of range for int
            int            | 1e10                 | out_of_range    | '1e10' is out of range for int
            int            | 0x1F                 | not_a_number    | '0x1F' is not a number (int)
            int            | 10.0.1               | not_a_number    | '10.0.1' is not a number (int)
            int            | 1,000                | not_a_number    | '1,000' is not a number (int)
            bigint         | 9223372036854775808  | out_of_range    | '9223372036854775808' is out of range for bigint
            decimal(12,2)  | 19.999               | scale           | '19.999' has more than 2 digits after the point (decimal(12,2) would round it)
            decimal(4,2)   | 100.00               | out_of_range    | '100.00' is out of range for decimal(4,2)
            decimal(12,2)  | 1,250.00             | not_a_number    | '1,250.00' is not a number (decimal(12,2))
            double         | NaN                  | not_a_number    | 'NaN' is not a number (double)
            double         | Infinity             | not_a_number    | 'Infinity' is not a number (double)
            double         | 1.5d                 | not_a_number    | '1.5d' is not a number (double)
            double         | 1e400                | out_of_range    | '1e400' is out of range for double
            double         | 1e-400               | out_of_range    | '1e-400' is out of range for double
            boolean        | yes                  | not_a_boolean   | 'yes' is not true or false
            date           | 2026-02-30           | impossible_date | '2026-02-30' is not a real date
            date           | 2026-13-01           | impossible_date | '2026-13-01' is not a real date
            date           | 22/11/2026           | not_a_date      | '22/11/2026' is not a date in the format yyyy-MM-dd
            date           | 2026-11-22T08:00     | not_a_date      | '2026-11-22T08:00' is not a date in the format yyyy-MM-dd
            timestamp      | T08:01               | no_date         | 'T08:01' has no date (timestamp needs one)
            timestamp      | 08:01:00             | no_date         | '08:01:00' has no date (timestamp needs one)
            timestamp      | 2026-11-22T25:00:00Z | impossible_date | '2026-11-22T25:00:00Z' is not a real date and time
            timestamp      | 22.11.2026 08:00     | not_a_date      | '22.11.2026 08:00' is not a timestamp in the format ISO-8601 (yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][offset])
            timestamp      | 2026-11-22T08:00:00.1234567Z | scale   | '2026-11-22T08:00:00.1234567Z' has digits below the microsecond (timestamps keep microseconds)
            """)
    void rejectsWithTheRuleItBreaks(String type, String text, String rule, String message) {
        Object value = converter(type, null).convert(text);

        assertThat(value).isEqualTo(new Rejection(RejectRule.valueOf(rule.toUpperCase(Locale.ROOT)), message));
    }

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiter = '|', textBlock = """
            MMM d yyyy       | Jun 12 1998      | 1998-06-12T00:00:00Z
            yyyy/MM/dd HH:mm | 2001/01/01 00:47 | 2001-01-01T00:47:00Z
            dd.MM.yyyy HH:mm | 31.03.2024 12:00 | 2024-03-31T12:00:00Z
            HH:mm            | 08:01            | 1970-01-01T08:01:00Z
            """)
    void aDeclaredFormatReadsItsDates(String format, String text, String expected) {
        assertThat(converter("timestamp", format).convert(text)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-03-29T02:30:00 | impossible_date
            2026-10-25T02:30:00 | ambiguous_time
            2026-10-25T02:30:00+01:00 | ok
            2026-06-01T12:00:00 | ok
            2026-06-01T12:00:00+09:00[Europe/Paris] | impossible_date
            2026-06-01T12:00:00+02:00[Europe/Paris] | ok
            """)
    void zonelessTimestampsAreInTheColumnsZoneAndSkippedTimesAreImpossible(String text, String outcome) {
        ColumnSpec column = new ColumnSpec(
                "at", ColumnType.parse("timestamp").orElseThrow(), false, null, ZoneId.of("Europe/Paris"));

        Object value = ColumnConverter.of(column, RowRules.defaults()).convert(text);

        if (outcome.equals("ok")) {
            assertThat(value).isNotInstanceOf(Rejection.class);
        } else {
            assertThat(value).extracting(v -> ((Rejection) v).rule().id()).isEqualTo(outcome);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '1.250,75'     | 1250.75
            '12.345.678,9' | 12345678.90
            '-0,5'         | -0.50
            '12,5'         | 12.50
            """)
    void decimalAndThousandsSeparatorsAreTheDatasets(String text, String expected) {
        ColumnSpec column = new ColumnSpec("amount", "decimal(12,2)", false);

        assertThat(((BigDecimal) ColumnConverter.of(column, EUROPEAN).convert(text)).toPlainString())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'1.25.0,5'", "'12.34,5'", "'1.2345,5'"})
    void thousandsSeparatorsMustGroupInThrees(String text) {
        assertThat(ColumnConverter.of(new ColumnSpec("n", "decimal(12,2)", false), EUROPEAN)
                        .convert(text))
                .extracting(v -> ((Rejection) v).rule())
                .isEqualTo(RejectRule.NOT_A_NUMBER);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            timestamp | dd/MM/yyyy hh:mm | format 'dd/MM/yyyy hh:mm' does not resolve to a time of day (hh is a 12-hour clock and needs a: use HH)
            date      | yyyy-MM-dd HH:mm | format 'yyyy-MM-dd HH:mm' holds a time of day, which a date column would drop (declare the column timestamp)
            date      | YYYY-MM-dd       | format 'YYYY-MM-dd' does not resolve to a date (Y is the week-based year: use y; D is the day of the year: use d)
            timestamp | ' '              | format is empty (leave it out for ISO-8601)
            """)
    void aPatternThatCannotReadBackWhatItWritesIsRefused(String type, String format, String message) {
        ColumnSpec column = new ColumnSpec("c", ColumnType.parse(type).orElseThrow(), false, format, null);

        assertThatThrownBy(() -> ColumnConverter.of(column, RowRules.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"})
    void anInstantOutsideTheYearsSparkHoldsIsOutOfRange(String text) {
        assertThat(converter("timestamp", null).convert(text))
                .extracting(v -> ((Rejection) v).rule())
                .isEqualTo(RejectRule.OUT_OF_RANGE);
    }

    private static ColumnConverter converter(String type, String format) {
        return ColumnConverter.of(
                new ColumnSpec("c", ColumnType.parse(type).orElseThrow(), false, format, null), RowRules.defaults());
    }
}

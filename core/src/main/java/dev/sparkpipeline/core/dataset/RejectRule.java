package dev.sparkpipeline.core.dataset;

import java.util.Locale;

/**
 * Why a row was rejected: the rule it broke. The lower-case {@link #id} is what {@code _errors/},
 * the manifest and failure causes show.
 */
public enum RejectRule {
    /** A CSV row with more or fewer fields than its header. */
    FIELD_COUNT,
    /** A CSV record that breaks the quoting rules ({@code "a"b}). */
    MALFORMED_CSV,
    /** A JSON record that does not parse. */
    MALFORMED_JSON,
    /** A JSON record that is not an object. */
    NOT_AN_OBJECT,
    /** A JSON record naming one column twice (after names are normalised). */
    DUPLICATE_FIELD,
    /** A record longer than the dataset's {@code maxRecordBytes}. */
    TOO_LARGE,
    /** A JSON record nested deeper than the dataset's {@code maxNestingDepth}. */
    TOO_DEEP,
    /** Bytes that are not valid in the dataset's encoding. */
    ENCODING,
    /** A required column without a value. */
    MISSING,
    /** A nested value (object or array) where the column wants a scalar. */
    NOT_SCALAR,
    /** Not a number at all. */
    NOT_A_NUMBER,
    /** A fraction for an integral column ({@code 12.7} for an int). */
    FRACTION,
    /** A number or date outside what the column's type holds. */
    OUT_OF_RANGE,
    /** More digits after the point than the column keeps (decimals; timestamps below microseconds). */
    SCALE,
    /** Not {@code true} or {@code false}. */
    NOT_A_BOOLEAN,
    /** Not a date or timestamp in the column's format. */
    NOT_A_DATE,
    /** A date that does not exist ({@code 2026-02-30}, a local time skipped by a clock change). */
    IMPOSSIBLE_DATE,
    /** A time of day without a date where the column needs a date. */
    NO_DATE,
    /** A local time without an offset that happens twice in its zone (the hour the clocks go back). */
    AMBIGUOUS_TIME;

    /** The rule's name as shown to users: {@code field_count}, {@code not_a_date}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A broken rule and what broke it.
     *
     * @param rule    the rule
     * @param message a sentence about the value ({@code "12.7 is not a whole number"})
     */
    public record Rejection(RejectRule rule, String message) {}
}

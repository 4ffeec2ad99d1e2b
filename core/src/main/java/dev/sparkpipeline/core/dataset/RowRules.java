package dev.sparkpipeline.core.dataset;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How strictly a dataset's rows are read: their encoding, what happens to columns the dataset
 * does not declare, how duplicates are found, how numbers are written, and the bounds no record
 * may pass (so that no record can hold a job).
 *
 * @param encoding           the files' character encoding (an ASCII-compatible charset name)
 * @param invalidEncoding    a row with bytes invalid in that encoding rejects the row, or fails the file
 * @param extraColumns       what becomes of source columns the dataset does not declare
 * @param dedupe             how duplicate rows are found when the dataset has no key
 * @param decimalSeparator   the decimal separator in numbers ({@code .} or {@code ,})
 * @param thousandsSeparator the grouping separator in numbers, or {@code 0} for none
 * @param timeZone           the zone of timestamps that carry no offset
 * @param maxRecordBytes     the largest record (line, CSV record or JSON value) accepted
 * @param maxNestingDepth    the deepest nesting of arrays and objects a JSON record may have
 */
public record RowRules(
        String encoding,
        InvalidEncoding invalidEncoding,
        ExtraColumns extraColumns,
        Dedupe dedupe,
        char decimalSeparator,
        char thousandsSeparator,
        ZoneId timeZone,
        int maxRecordBytes,
        int maxNestingDepth)
        implements Serializable {

    /** What a byte sequence invalid in the declared encoding does. */
    public enum InvalidEncoding {
        REJECT_ROW,
        FAIL_FILE
    }

    /** Source columns the dataset does not declare: dropped (and listed), kept as strings, or a reason to refuse the file. */
    public enum ExtraColumns {
        DROP,
        KEEP,
        REJECT
    }

    /** Without a key: rows equal in every source column are duplicates ({@code ROWS}), or nothing is ({@code NONE}). */
    public enum Dedupe {
        ROWS,
        NONE
    }

    /** 1 MiB: far above any sane row, far below what could hold a job. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;

    /** The rules a dataset gets when it says nothing. */
    public static RowRules defaults() {
        return new RowRules(
                StandardCharsets.UTF_8.name(),
                InvalidEncoding.REJECT_ROW,
                ExtraColumns.DROP,
                Dedupe.ROWS,
                '.',
                (char) 0,
                ZoneOffset.UTC,
                DEFAULT_MAX_RECORD_BYTES,
                DEFAULT_MAX_NESTING_DEPTH);
    }

    /** These rules with numbers written another way ({@code (char) 0}: no thousands separator). */
    public RowRules withNumberFormat(char decimalSeparator, char thousandsSeparator) {
        return new RowRules(
                encoding,
                invalidEncoding,
                extraColumns,
                dedupe,
                decimalSeparator,
                thousandsSeparator,
                timeZone,
                maxRecordBytes,
                maxNestingDepth);
    }

    /** The encoding as a charset. */
    public Charset charset() {
        return Charset.forName(encoding);
    }
}

package dev.sparkpipeline.curate.source;

import dev.sparkpipeline.core.dataset.RowRules;
import dev.sparkpipeline.core.dataset.RowRules.InvalidEncoding;

/**
 * The row rules the reader tests set: an encoding, what its invalid bytes do, and a record bound
 * small enough to pass with a few bytes; the rest as a dataset gets it when it says nothing.
 */
final class ReaderRules {

    private ReaderRules() {}

    /** UTF-8, invalid bytes rejecting their row, and records of at most {@code maxRecordBytes}. */
    static RowRules bounded(int maxRecordBytes) {
        return rules("UTF-8", InvalidEncoding.REJECT_ROW, maxRecordBytes);
    }

    /** Files in {@code encoding} whose invalid bytes do what {@code invalidEncoding} says. */
    static RowRules encoded(String encoding, InvalidEncoding invalidEncoding) {
        return rules(encoding, invalidEncoding, 1024);
    }

    private static RowRules rules(String encoding, InvalidEncoding invalidEncoding, int maxRecordBytes) {
        RowRules defaults = RowRules.defaults();
        return new RowRules(
                encoding,
                invalidEncoding,
                defaults.extraColumns(),
                defaults.dedupe(),
                defaults.decimalSeparator(),
                defaults.thousandsSeparator(),
                defaults.timeZone(),
                maxRecordBytes,
                8);
    }
}

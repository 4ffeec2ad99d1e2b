package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.dataset.DatasetSpec;
import java.util.Locale;

/**
 * A run whose share of rejected rows is over the dataset's {@code maxErrorRatio}: it writes no
 * curated rows. In a batch the same reason fails the one file over its ratio, and the others go on.
 */
final class TooManyRejects extends RuntimeException {

    TooManyRejects(String message) {
        super(message);
    }

    /** Whether {@code rejected} of {@code rowsIn} rows are more than the dataset allows. */
    static boolean exceeds(DatasetSpec dataset, long rejected, long rowsIn) {
        return rowsIn > 0 && (double) rejected / rowsIn > dataset.maxErrorRatio();
    }

    /**
     * "2 of 3 rows do not fit dataset orders (66.7% > 10.0% allowed): amount not_a_number 2; the
     * rejected rows are in {@code <errors>}/".
     *
     * @param topRules the rules most rows broke ({@link RejectBreakdown#top})
     * @param errors   the run's errors folder, without its trailing slash
     */
    static String reason(DatasetSpec dataset, long rejected, long rowsIn, String topRules, String errors) {
        return String.format(
                Locale.ROOT,
                "%d of %d rows do not fit dataset %s (%.1f%% > %.1f%% allowed): %s; the rejected rows are in %s/",
                rejected,
                rowsIn,
                dataset.name(),
                100.0 * rejected / rowsIn,
                100.0 * dataset.maxErrorRatio(),
                topRules,
                errors);
    }
}

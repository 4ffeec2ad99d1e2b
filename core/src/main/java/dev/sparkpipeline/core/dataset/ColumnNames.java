package dev.sparkpipeline.core.dataset;

import java.util.Locale;

/** The one rule for turning a header name into a curated column name, shared by validation and the job. */
public final class ColumnNames {

    private ColumnNames() {}

    /** {@code " Order ID "} becomes {@code order_id}: lower case, runs of other characters become one underscore. */
    public static String normalise(String header) {
        String lower = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return lower.replaceAll("^_+|_+$", "");
    }
}

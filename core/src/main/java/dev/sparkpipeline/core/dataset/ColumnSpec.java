package dev.sparkpipeline.core.dataset;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * One column of a dataset's schema.
 *
 * @param name     the curated column name (already normalised: lower case, underscores)
 * @param type     the declared type
 * @param required true when a landed file must carry the column and every row a value
 * @param format   for dates and timestamps: a Spark datetime pattern ({@code MMM d yyyy}), or null for ISO-8601
 * @param timeZone for timestamps without an offset: the zone they are in, or null for the dataset's
 */
public record ColumnSpec(String name, ColumnType type, boolean required, String format, ZoneId timeZone)
        implements Serializable {

    /** A column with ISO-8601 dates and the dataset's time zone. */
    public ColumnSpec(String name, String type, boolean required) {
        this(
                name,
                ColumnType.parse(type).orElseThrow(() -> new IllegalArgumentException("unknown type " + type)),
                required,
                null,
                null);
    }
}

package dev.sparkpipeline.core.dataset;

/**
 * One column of a dataset's schema.
 *
 * @param name     the curated column name (already normalised: lower case, underscores)
 * @param type     a Spark SQL type name: string, int, bigint, double, boolean, date, timestamp, decimal(p,s)
 * @param required true when a landed file must carry the column
 */
public record ColumnSpec(String name, String type, boolean required) {
}

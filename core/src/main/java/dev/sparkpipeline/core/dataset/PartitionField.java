package dev.sparkpipeline.core.dataset;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a dataset's {@code partitionBy}: a column as it is ({@code ingest_date}) or an
 * Iceberg partition transform of one ({@code days(order_ts)}, {@code bucket(16, customer_id)},
 * {@code truncate(4, order_id)}). Readers filter on the column itself; Iceberg finds the
 * partitions (hidden partitioning), so a transform needs no extra column.
 *
 * @param transform {@code identity}, {@code years}, {@code months}, {@code days}, {@code hours}, {@code bucket} or {@code truncate}
 * @param column    the partitioned column
 * @param width     the bucket count or truncation width; 0 for the other transforms
 */
public record PartitionField(String transform, String column, int width) implements Serializable {

    private static final Pattern TIME = Pattern.compile("(years|months|days|hours)\\(\\s*(\\w+)\\s*\\)");
    private static final Pattern WIDTH = Pattern.compile("(bucket|truncate)\\(\\s*(\\d+)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern NAME = Pattern.compile("\\w+");

    /** The field an entry spells, or empty when it is neither a column name nor a known transform. */
    public static Optional<PartitionField> parse(String entry) {
        String text = entry.strip();
        Matcher time = TIME.matcher(text.toLowerCase(Locale.ROOT));
        if (time.matches()) {
            return Optional.of(new PartitionField(time.group(1), text.substring(time.start(2), time.end(2)), 0));
        }
        Matcher width = WIDTH.matcher(text.toLowerCase(Locale.ROOT));
        if (width.matches()) {
            if (width.group(2).length() > 9) {
                return Optional.empty();
            }
            int n = Integer.parseInt(width.group(2));
            return n < 1
                    ? Optional.empty()
                    : Optional.of(new PartitionField(width.group(1), text.substring(width.start(3), width.end(3)), n));
        }
        return NAME.matcher(text).matches() ? Optional.of(new PartitionField("identity", text, 0)) : Optional.empty();
    }

    /** Whether the field is a time transform: a column may have one at most (days and months of one column are redundant). */
    public boolean timeBased() {
        return switch (transform) {
            case "years", "months", "days", "hours" -> true;
            default -> false;
        };
    }

    /** Why the transform does not fit a column of this type, or empty when it does. */
    public Optional<String> unfit(ColumnType type) {
        boolean fits = switch (transform) {
            case "years", "months", "days" -> type.temporal();
            case "hours" -> type.kind() == ColumnType.Kind.TIMESTAMP;
            case "truncate" ->
                type.kind() == ColumnType.Kind.STRING
                        || type.kind() == ColumnType.Kind.INT
                        || type.kind() == ColumnType.Kind.BIGINT
                        || type.kind() == ColumnType.Kind.DECIMAL;
            case "bucket" -> type.kind() != ColumnType.Kind.DOUBLE && type.kind() != ColumnType.Kind.BOOLEAN;
            default -> true;
        };
        return fits ? Optional.empty() : Optional.of(transform + " does not apply to a " + type + " column");
    }

    /** The field as Iceberg's DDL writes it: {@code days(order_ts)}, {@code bucket(16, id)}, {@code ingest_date}. */
    public String sql() {
        return switch (transform) {
            case "identity" -> "`" + column + "`";
            case "bucket", "truncate" -> transform + "(" + width + ", `" + column + "`)";
            default -> transform + "(`" + column + "`)";
        };
    }
}

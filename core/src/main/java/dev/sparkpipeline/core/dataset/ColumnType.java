package dev.sparkpipeline.core.dataset;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's declared type, as {@code config/datasets.json} names it, and its Spark SQL name.
 *
 * @param kind      the family of values
 * @param precision for {@link Kind#DECIMAL}: total digits (1 to 38); 0 otherwise
 * @param scale     for {@link Kind#DECIMAL}: digits after the point (0 to precision); 0 otherwise
 */
public record ColumnType(Kind kind, int precision, int scale) implements Serializable {

    /** The families of values a column may hold. */
    public enum Kind {
        STRING,
        INT,
        BIGINT,
        DOUBLE,
        BOOLEAN,
        DATE,
        TIMESTAMP,
        DECIMAL
    }

    /** Spark's limit for a decimal's precision. */
    public static final int MAX_PRECISION = 38;

    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    /** The names a config may use, in the order the error message lists them. */
    public static final List<String> NAMES =
            List.of("string", "int", "bigint", "double", "boolean", "date", "timestamp", "decimal(p,s)");

    public ColumnType {
        if (kind == Kind.DECIMAL && (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException(
                    "decimal(" + precision + "," + scale + "): need 1 <= p <= 38 and 0 <= s <= p");
        }
    }

    /** The type a config names ({@code integer} and {@code long} are accepted for int and bigint). */
    public static Optional<ColumnType> parse(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(lower);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = Integer.parseInt(decimal.group(2));
            if (precision < 1 || precision > MAX_PRECISION || scale > precision) {
                return Optional.empty();
            }
            return Optional.of(new ColumnType(Kind.DECIMAL, precision, scale));
        }
        Kind kind = switch (lower) {
            case "string" -> Kind.STRING;
            case "int", "integer" -> Kind.INT;
            case "bigint", "long" -> Kind.BIGINT;
            case "double" -> Kind.DOUBLE;
            case "boolean" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamp" -> Kind.TIMESTAMP;
            default -> null;
        };
        return Optional.ofNullable(kind).map(k -> new ColumnType(k, 0, 0));
    }

    /** The Spark SQL type name: {@code string}, {@code decimal(12,2)}, ... */
    public String sqlName() {
        return kind == Kind.DECIMAL
                ? "decimal(" + precision + "," + scale + ")"
                : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Dates and timestamps may declare a format. */
    public boolean temporal() {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP;
    }

    @Override
    public String toString() {
        return sqlName();
    }
}

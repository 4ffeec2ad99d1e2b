package dev.sparkpipeline.curate.source;

import dev.sparkpipeline.core.dataset.ColumnNames;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * A landed Parquet file as shaped rows: Spark reads it (by its literal path), each value is
 * written as text the way the CSV would hold it, and the same converters decide. A nested value
 * for a declared column is rejected; the record number is the row's position in the file.
 */
final class ParquetRecords {

    private ParquetRecords() {}

    static JavaRDD<Row> shaped(
            SparkSession spark,
            String input,
            int index,
            RowShaper shaper,
            CollectionAccumulator<SourceReader.FileColumn> undeclared) {
        var frame = spark.read().parquet(literal(input));
        String[] names =
                Arrays.stream(frame.columns()).map(ColumnNames::normalise).toArray(String[]::new);
        Set<String> duplicates = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidSourceFile("the file names columns " + String.join(", ", duplicates) + " twice");
        }
        shaper.checkColumns(names);
        shaper.undeclared(names).forEach(name -> undeclared.add(new SourceReader.FileColumn(index, name)));
        return frame.javaRDD().zipWithIndex().map(indexed -> {
            Row row = indexed._1();
            String[] values = new String[names.length];
            boolean[] nested = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                Object value = row.isNullAt(i) ? null : row.get(i);
                nested[i] = value != null && !scalar(value);
                values[i] = value == null || nested[i] ? null : text(value);
            }
            SourceRecord record = new SourceRecord(0, indexed._2() + 1, names, values, nested, null, row::toString);
            return shaper.shapeTyped(index, record);
        });
    }

    private static boolean scalar(Object value) {
        return value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Date
                || value instanceof Timestamp
                || value instanceof Instant
                || value instanceof LocalDate
                || value instanceof LocalDateTime;
    }

    /** A Parquet value as text the converters read: ISO dates and instants, plain decimals. */
    private static String text(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            // The shortest decimal that reads back as the value, without an exponent: 1.23456789E7 is 12345678.9.
            String shortest = value.toString();
            return shortest.contains("N") || shortest.contains("I")
                    ? shortest
                    : new BigDecimal(shortest).toPlainString();
        }
        return value.toString();
    }

    /** Hadoop reads a path with glob characters as a pattern unless they are escaped. */
    static String literal(String input) {
        StringBuilder out = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if ("*?[]{}\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

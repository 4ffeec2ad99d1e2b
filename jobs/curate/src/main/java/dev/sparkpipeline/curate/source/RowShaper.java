package dev.sparkpipeline.curate.source;

import dev.sparkpipeline.core.dataset.ColumnConverter;
import dev.sparkpipeline.core.dataset.ColumnSpec;
import dev.sparkpipeline.core.dataset.ColumnType;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.dataset.RejectRule;
import dev.sparkpipeline.core.dataset.RejectRule.Rejection;
import dev.sparkpipeline.core.dataset.RowRules;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Turns a {@link SourceRecord} into a row of the dataset's schema plus the columns that say what
 * became of it: each declared column converted exactly ({@link ColumnConverter}) or the rules it
 * broke in {@link #ERRORS}, undeclared source columns kept or listed by the dataset's
 * {@code extraColumns} policy, and a fingerprint of every source value for {@code dedupe: rows}.
 */
public final class RowShaper implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The landed file the row comes from: its index in the run's inputs (a number per row, not a string, in the cache). */
    public static final String SOURCE = "_source";
    /** The line the record starts on. */
    public static final String LINE = "_line";
    /** The record's number in its file. */
    public static final String RECORD = "_record";
    /** The record as read, for rejected rows only. */
    public static final String RAW = "_raw";
    /** The broken rules (column, value, rule, message), null for a row that fits. */
    public static final String ERRORS = "_errors";
    /** A digest of every source value, when duplicates are whole rows. */
    public static final String FINGERPRINT = "_fingerprint";
    /** Undeclared source columns by name, when the dataset keeps them. */
    public static final String EXTRA = "_extra";
    /** Every column this class adds after the dataset's own. */
    public static final List<String> META = List.of(SOURCE, LINE, RECORD, RAW, ERRORS, FINGERPRINT, EXTRA);

    static final StructType ERROR = new StructType()
            .add("column", DataTypes.StringType)
            .add("value", DataTypes.StringType)
            .add("rule", DataTypes.StringType)
            .add("message", DataTypes.StringType);

    private final List<ColumnConverter> converters;
    /** For typed sources (Parquet), whose values come as canonical text: no separators, ISO dates. */
    private final List<ColumnConverter> typedConverters;

    private final RowRules.ExtraColumns extraColumns;
    private final boolean fingerprint;
    private final String datasetName;
    private transient Map<String, Integer> declared;
    private transient String[] lastNames;
    private transient int[] lastMapping;

    public RowShaper(DatasetSpec dataset) {
        List<ColumnConverter> list = new ArrayList<>();
        dataset.columns().forEach(column -> list.add(ColumnConverter.of(column, dataset.rows())));
        this.converters = List.copyOf(list);
        RowRules canonical = dataset.rows().withNumberFormat('.', (char) 0);
        List<ColumnConverter> typed = new ArrayList<>();
        dataset.columns()
                .forEach(column -> typed.add(ColumnConverter.of(
                        new ColumnSpec(column.name(), column.type(), column.required(), null, column.timeZone()),
                        canonical)));
        this.typedConverters = List.copyOf(typed);
        this.extraColumns = dataset.rows().extraColumns();
        this.fingerprint = dataset.key().isEmpty() && dataset.rows().dedupe() == RowRules.Dedupe.ROWS;
        this.datasetName = dataset.name();
    }

    /** The schema of shaped rows: the dataset's columns, then {@link #META}. */
    public StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (ColumnConverter converter : converters) {
            fields.add(DataTypes.createStructField(
                    converter.column().name(), sparkType(converter.column().type()), true));
        }
        fields.add(DataTypes.createStructField(SOURCE, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(RECORD, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(ERRORS, DataTypes.createArrayType(ERROR, false), true));
        fields.add(DataTypes.createStructField(FINGERPRINT, DataTypes.BinaryType, true));
        fields.add(DataTypes.createStructField(
                EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true));
        return DataTypes.createStructType(fields);
    }

    /** The Spark type of a declared type. */
    public static DataType sparkType(ColumnType type) {
        return switch (type.kind()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case BIGINT -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
        };
    }

    /** The source names the dataset does not declare, in their order. */
    public Set<String> undeclared(String[] names) {
        Set<String> extra = new LinkedHashSet<>();
        for (String name : names) {
            if (!declared().containsKey(name)) {
                extra.add(name);
            }
        }
        return extra;
    }

    /**
     * Fails the file when it carries columns the dataset refuses ({@code extraColumns: reject}).
     *
     * @param names a record's or header's source names
     */
    public void checkColumns(String[] names) {
        if (extraColumns == RowRules.ExtraColumns.REJECT) {
            Set<String> extra = undeclared(names);
            if (!extra.isEmpty()) {
                throw new InvalidSourceFile("columns " + String.join(", ", extra) + " are not in dataset " + datasetName
                        + " (extraColumns: reject)");
            }
        }
    }

    /** The shaped row of one record of the run's input number {@code source}, read from text. */
    public Row shape(int source, SourceRecord record) {
        return shape(source, record, converters);
    }

    /**
     * The shaped row of a record of a typed source (Parquet), whose values are canonical text
     * (plain decimals, ISO dates and instants): the dataset's separators and formats, which
     * describe how people write text, do not apply to them.
     */
    public Row shapeTyped(int source, SourceRecord record) {
        return shape(source, record, typedConverters);
    }

    private Row shape(int source, SourceRecord record, List<ColumnConverter> converters) {
        int width = converters.size();
        Object[] values = new Object[width + META.size()];
        values[width] = source;
        values[width + 1] = record.line();
        values[width + 2] = record.number();
        if (record.problem() != null) {
            values[width + 4] = new Row[] {error(null, null, record.problem())};
            values[width + 3] = record.raw().get();
            return RowFactory.create(values);
        }
        int[] mapping = mapping(record.names());
        List<Row> errors = null;
        for (int c = 0; c < width; c++) {
            ColumnConverter converter = converters.get(c);
            ColumnSpec column = converter.column();
            int at = mapping[c];
            String text = at < 0 ? null : record.values()[at];
            if (at >= 0 && record.nested() != null && record.nested()[at]) {
                errors = add(
                        errors,
                        error(
                                column.name(),
                                "(nested)",
                                new Rejection(
                                        RejectRule.NOT_SCALAR,
                                        "column " + column.name() + " holds an object or array; " + column.type()
                                                + " needs a single value")));
                continue;
            }
            boolean absent = text == null
                    || (column.type().kind() == ColumnType.Kind.STRING
                            ? column.required() && text.isBlank()
                            : text.isBlank());
            if (absent) {
                if (column.required()) {
                    errors = add(
                            errors,
                            error(
                                    column.name(),
                                    text,
                                    new Rejection(
                                            RejectRule.MISSING,
                                            "column " + column.name() + " is required"
                                                    + (at < 0
                                                            ? " and the source does not have it"
                                                            : " and has no value"))));
                }
                continue;
            }
            Object value = converter.convert(text);
            if (value instanceof Rejection rejection) {
                errors = add(errors, error(column.name(), text, rejection));
            } else {
                values[c] = value;
            }
        }
        if (errors != null) {
            Arrays.fill(values, 0, width, null);
            values[width + 4] = errors.toArray(Row[]::new);
            values[width + 3] = record.raw().get();
            return RowFactory.create(values);
        }
        if (fingerprint) {
            values[width + 5] = fingerprint(record);
        }
        if (extraColumns == RowRules.ExtraColumns.KEEP) {
            // Spark's row encoder takes a Scala map for a map column.
            values[width + 6] = JavaConverters.mapAsScalaMap(extras(record));
        }
        return RowFactory.create(values);
    }

    private static List<Row> add(List<Row> errors, Row error) {
        List<Row> list = errors == null ? new ArrayList<>(2) : errors;
        list.add(error);
        return list;
    }

    private static Row error(String column, String value, Rejection rejection) {
        return RowFactory.create(column, value, rejection.rule().id(), rejection.message());
    }

    /** For each declared column, the index of its value in the record, or -1. Cached for a CSV file's shared header. */
    private int[] mapping(String[] names) {
        if (names == lastNames) {
            return lastMapping;
        }
        int[] mapping = new int[converters.size()];
        Arrays.fill(mapping, -1);
        Map<String, Integer> index = declared();
        for (int i = 0; i < names.length; i++) {
            Integer column = index.get(names[i]);
            if (column != null) {
                mapping[column] = i;
            }
        }
        lastNames = names;
        lastMapping = mapping;
        return mapping;
    }

    private Map<String, Integer> declared() {
        if (declared == null) {
            Map<String, Integer> map = new HashMap<>();
            for (int c = 0; c < converters.size(); c++) {
                map.put(converters.get(c).column().name(), c);
            }
            declared = map;
        }
        return declared;
    }

    private Map<String, String> extras(SourceRecord record) {
        Map<String, String> extra = new HashMap<>();
        String[] names = record.names();
        for (int i = 0; i < names.length; i++) {
            if (!declared().containsKey(names[i])) {
                extra.put(names[i], record.values()[i]);
            }
        }
        return extra;
    }

    /** SHA-256 over every source value by name, in name order: equal source rows, equal digests. */
    private static byte[] fingerprint(SourceRecord record) {
        String[] names = record.names();
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (record.nested() != null) {
            // JSON fields come in any order; a CSV header's order is every row's.
            Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        }
        MessageDigest digest = sha256();
        for (int i : order) {
            digest.update(names[i].getBytes(StandardCharsets.UTF_8));
            String value = record.values()[i];
            digest.update((byte) (value == null ? 0 : 1));
            if (value != null) {
                digest.update(value.getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 0xFF);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package dev.sparkpipeline.curate.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How a table's schema may follow its dataset's: a column the dataset adds is added (optional,
 * so the rows already there read it as null); a type that widens without loss is widened
 * (int to bigint, float to double, a decimal to more digits of the same scale, as Iceberg allows);
 * any other change of type is refused with the column, both types and why, before anything is
 * written. A column the dataset no longer declares stays in the table, null in new rows.
 */
final class SchemaPolicy {

    private SchemaPolicy() {}

    /** One change to the table: a column added, or a column's type widened. */
    record Change(String column, DataType type, boolean added) {

        /** The DDL that applies it to {@code table}. */
        String sql(String table) {
            return added
                    ? "ALTER TABLE " + table + " ADD COLUMN `" + column + "` " + type.sql()
                    : "ALTER TABLE " + table + " ALTER COLUMN `" + column + "` TYPE " + type.sql();
        }
    }

    /**
     * The changes that bring {@code table} to {@code wanted}.
     *
     * @throws SchemaChangeRefused naming every column whose change would lose data
     */
    static List<Change> changes(String tableName, StructType table, StructType wanted) {
        List<Change> changes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (StructField field : wanted.fields()) {
            StructField existing = find(table, field.name());
            if (existing == null) {
                changes.add(new Change(field.name(), field.dataType(), true));
            } else if (!existing.dataType().equals(field.dataType())) {
                if (widens(existing.dataType(), field.dataType())) {
                    changes.add(new Change(existing.name(), field.dataType(), false));
                } else {
                    refused.add(existing.name() + " is " + existing.dataType().simpleString() + " in the table and "
                            + field.dataType().simpleString() + " in the dataset ("
                            + why(existing.dataType(), field.dataType())
                            + ")");
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new SchemaChangeRefused("table " + tableName + " cannot take the dataset's schema: "
                    + String.join("; ", refused)
                    + ". Nothing was written: declare the table's type again, or write to a new dataset");
        }
        return changes;
    }

    /** Whether Iceberg can change a column from {@code from} to {@code to} without losing a value. */
    static boolean widens(DataType from, DataType to) {
        if (from.equals(DataTypes.IntegerType) && to.equals(DataTypes.LongType)) {
            return true;
        }
        if (from.equals(DataTypes.FloatType) && to.equals(DataTypes.DoubleType)) {
            return true;
        }
        return from instanceof DecimalType a
                && to instanceof DecimalType b
                && a.scale() == b.scale()
                && b.precision() > a.precision();
    }

    private static String why(DataType from, DataType to) {
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return b.precision() < a.precision() || b.scale() < a.scale()
                    ? "narrowing a decimal loses digits"
                    : "Iceberg widens a decimal's precision only, at the same scale";
        }
        if (widens(to, from)) {
            return "narrowing loses values the table holds";
        }
        return "a " + from.simpleString().toLowerCase(Locale.ROOT) + " value does not always convert to "
                + to.simpleString();
    }

    private static StructField find(StructType schema, String name) {
        for (StructField field : schema.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }
}

package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.outcome.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** {@link Catalog} on the Glue Data Catalog: Parquet tables in the pipeline's database. */
public record GlueCatalog(GlueClient glue, String database) implements Catalog {

    private static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    /** BatchCreatePartition takes at most 100 partitions a call. */
    private static final int BATCH = 100;

    @Override
    public boolean upsertTable(
            String table, String location, Map<String, String> columns, Map<String, String> partitionColumns) {
        TableInput input = TableInput.builder()
                .name(table)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                .partitionKeys(columns(partitionColumns))
                .storageDescriptor(storage(location, columns))
                .build();
        Table existing;
        try {
            existing = glue.getTable(b -> b.databaseName(database).name(table)).table();
        } catch (EntityNotFoundException missing) {
            EngineErrors.run(
                    "CreateTable",
                    () -> glue.createTable(b -> b.databaseName(database).tableInput(input)));
            return true;
        }
        boolean sameColumns = existing.storageDescriptor() != null
                && existing.storageDescriptor().columns().equals(columns(columns))
                && existing.partitionKeys().equals(columns(partitionColumns));
        if (!sameColumns) {
            EngineErrors.run(
                    "UpdateTable",
                    () -> glue.updateTable(b -> b.databaseName(database).tableInput(input)));
        }
        return false;
    }

    @Override
    public int addPartitions(String table, String location, List<List<String>> partitions) {
        List<String> keys = EngineErrors.call(
                        "GetTable",
                        () -> glue.getTable(b -> b.databaseName(database).name(table)))
                .table()
                .partitionKeys()
                .stream()
                .map(Column::name)
                .toList();
        int added = 0;
        for (int from = 0; from < partitions.size(); from += BATCH) {
            List<PartitionInput> inputs = new ArrayList<>();
            for (List<String> values : partitions.subList(from, Math.min(partitions.size(), from + BATCH))) {
                inputs.add(PartitionInput.builder()
                        .values(values)
                        .storageDescriptor(storage(location + partitionPath(keys, values), Map.of()))
                        .build());
            }
            var answer = EngineErrors.call(
                    "BatchCreatePartition",
                    () -> glue.batchCreatePartition(
                            b -> b.databaseName(database).tableName(table).partitionInputList(inputs)));
            long existing = answer.errors().stream()
                    .filter(error ->
                            "AlreadyExistsException".equals(error.errorDetail().errorCode()))
                    .count();
            var unexpected = answer.errors().stream()
                    .filter(error ->
                            !"AlreadyExistsException".equals(error.errorDetail().errorCode()))
                    .findFirst();
            if (unexpected.isPresent()) {
                throw new dev.sparkpipeline.core.error.InvalidJobConfig("BatchCreatePartition refused partition "
                        + unexpected.get().partitionValues() + ": "
                        + unexpected.get().errorDetail().errorMessage());
            }
            added += inputs.size() - (int) existing;
        }
        return added;
    }

    /** {@code ingest_date=2026-11-22/}: the partition's folder under the table's location. */
    private static String partitionPath(List<String> keys, List<String> values) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            path.append(keys.get(i)).append('=').append(values.get(i)).append('/');
        }
        return path.toString();
    }

    private static StorageDescriptor storage(String location, Map<String, String> columns) {
        return StorageDescriptor.builder()
                .location(location)
                .columns(columns(columns))
                .inputFormat(PARQUET_INPUT)
                .outputFormat(PARQUET_OUTPUT)
                .serdeInfo(s -> s.serializationLibrary(PARQUET_SERDE))
                .build();
    }

    private static List<Column> columns(Map<String, String> columns) {
        List<Column> list = new ArrayList<>();
        columns.forEach(
                (name, type) -> list.add(Column.builder().name(name).type(type).build()));
        return list;
    }
}

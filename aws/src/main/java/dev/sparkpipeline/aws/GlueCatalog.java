package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.error.InvalidInput;
import dev.sparkpipeline.core.error.PipelineException;
import dev.sparkpipeline.core.outcome.Catalog;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * {@link Catalog} on the Glue Data Catalog: Iceberg tables in the pipeline's database, as Iceberg's
 * Glue catalog registers them ({@code table_type=ICEBERG}, {@code metadata_location}). The job's
 * commits register and move the table; this registers one the catalog lost (a deleted table) at the
 * run's metadata, and refuses a Parquet table of the same name that an earlier version left.
 */
public record GlueCatalog(GlueClient glue, String database) implements Catalog {

    private static final String TABLE_TYPE = "table_type";
    private static final String ICEBERG = "ICEBERG";

    @Override
    public boolean register(String table, String location, String metadataLocation) {
        Table existing = EngineErrors.call("GetTable", () -> {
            try {
                return glue.getTable(b -> b.databaseName(database).name(table)).table();
            } catch (EntityNotFoundException missing) {
                return null;
            }
        });
        if (existing == null) {
            try {
                EngineErrors.run(
                        "CreateTable",
                        () -> glue.createTable(b -> b.databaseName(database)
                                .tableInput(t -> t.name(table)
                                        .tableType("EXTERNAL_TABLE")
                                        .parameters(Map.of(TABLE_TYPE, ICEBERG, "metadata_location", metadataLocation))
                                        .storageDescriptor(s -> s.location(location)))));
                return true;
            } catch (PipelineException failed) {
                if (failed.getCause() instanceof AlreadyExistsException) {
                    // Another run's publish registered it between the two calls.
                    return false;
                }
                throw failed;
            }
        }
        String type =
                existing.parameters() == null ? null : existing.parameters().get(TABLE_TYPE);
        if (type == null || !ICEBERG.equals(type.toUpperCase(Locale.ROOT))) {
            throw new InvalidInput(
                    "table " + database + "." + table + " in the Glue Data Catalog is not an Iceberg table"
                            + " (a Parquet table an earlier version of the pipeline made?): migrate it to Iceberg"
                            + " (CALL system.migrate) or drop it, then run again");
        }
        return false;
    }
}

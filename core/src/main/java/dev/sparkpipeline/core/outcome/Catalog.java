package dev.sparkpipeline.core.outcome;

/**
 * Where curated tables become queryable: the Glue Data Catalog in the cloud, the lake's
 * {@code _catalog/} offline. The curate job commits through Iceberg's catalog, which moves a
 * registered table to each new snapshot itself; publishing only makes sure the table is known.
 */
public interface Catalog {

    /**
     * Registers the dataset's Iceberg table at {@code metadataLocation} when the catalog does not know
     * it; a table it knows is left as it is (moving its metadata here could only move it back, behind
     * a commit another run made since).
     *
     * @param table            the table (the dataset's name)
     * @param location         the table's location
     * @param metadataLocation the table metadata file of the run's commit
     * @return true when this call registered the table
     * @throws dev.sparkpipeline.core.error.InvalidInput when a table of that name exists and is not an Iceberg table
     */
    boolean register(String table, String location, String metadataLocation);
}

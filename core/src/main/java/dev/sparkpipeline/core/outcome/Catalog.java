package dev.sparkpipeline.core.outcome;

import java.util.List;
import java.util.Map;

/** Where curated datasets become queryable tables: the Glue Data Catalog in the cloud. */
public interface Catalog {

    /**
     * Creates the dataset's table, or updates its columns when they changed.
     *
     * @param table            the table (the dataset's name)
     * @param location         the dataset's curated root URI
     * @param columns          data column name to Hive type, in order
     * @param partitionColumns partition column name to Hive type, in order
     * @return true when the table was created
     */
    boolean upsertTable(
            String table, String location, Map<String, String> columns, Map<String, String> partitionColumns);

    /**
     * Adds partitions; ones that exist already are left as they are.
     *
     * @param partitions each partition's values, in partition column order
     * @return how many were new
     */
    int addPartitions(String table, String location, List<List<String>> partitions);
}

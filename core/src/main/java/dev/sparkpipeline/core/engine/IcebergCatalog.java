package dev.sparkpipeline.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Iceberg catalog the curate job commits its tables through, as the Spark configuration every
 * engine passes to the job: Iceberg's Glue catalog in the cloud (the tables are Glue Data Catalog
 * tables any Iceberg reader, Athena or Redshift opens), Iceberg's Hadoop catalog offline (a table
 * is its folder under the warehouse, which any Iceberg reader opens by path). The job names its
 * tables {@value #NAME}{@code .<table>} and knows nothing else about where they are registered.
 *
 * @param warehouse    the catalog's warehouse: {@code s3://<curated bucket>/} or the lake's curated folder
 * @param glueDatabase the Glue database of the tables, or null for the path-based Hadoop catalog
 */
public record IcebergCatalog(String warehouse, String glueDatabase) {

    /** The Spark catalog name the job writes through. */
    public static final String NAME = "lake";

    /** The session extensions that give Spark {@code MERGE INTO} and Iceberg's procedures. */
    public static final String EXTENSIONS = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";

    /**
     * The lock the Hadoop catalog takes around a commit: a file lock, so that jobs in separate JVMs
     * (several files landing at once on the local runner) commit one after another instead of
     * racing for the same metadata version. The class is in the curate job's jar.
     */
    public static final String FOLDER_LOCK = "dev.sparkpipeline.curate.table.FolderLockManager";

    /**
     * The catalog of a deployed stack: Glue Data Catalog tables with their data in the curated bucket.
     * The database is named in lower case, as Glue stores it and as Iceberg's Glue catalog requires.
     */
    public static IcebergCatalog glue(String curatedBucket, String database) {
        return new IcebergCatalog("s3://" + curatedBucket + "/", database.toLowerCase(java.util.Locale.ROOT));
    }

    /** The local runner's catalog: tables as folders under {@code warehouse}. */
    public static IcebergCatalog hadoop(String warehouse) {
        return new IcebergCatalog(warehouse, null);
    }

    /** Whether tables are folders named by the catalog ({@code <warehouse>/<table>}) rather than registered ones. */
    public boolean pathBased() {
        return glueDatabase == null;
    }

    /** The table a dataset's rows go to, without the catalog name: {@code <database>.<dataset>}, or the dataset offline. */
    public String table(String dataset) {
        return pathBased() ? dataset : glueDatabase + "." + dataset;
    }

    /** The Spark properties that define the catalog, in a stable order. */
    public Map<String, String> sparkConf() {
        String prefix = "spark.sql.catalog." + NAME;
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", EXTENSIONS);
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        if (pathBased()) {
            conf.put(prefix + ".type", "hadoop");
            conf.put(prefix + ".lock-impl", FOLDER_LOCK);
            // Iceberg 1.7.1's Arrow-vectorised Parquet reader crashed the local JVM (SIGSEGV, OpenJDK 17.0.15)
            // in every try at merging 1,000,000 rows into a 1,000,000-row table (docs/benchmarks.md); the
            // row reader is used offline. The engines keep their own builds' default.
            conf.put("spark.sql.iceberg.vectorization.enabled", "false");
        } else {
            conf.put(prefix + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
            conf.put(prefix + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        }
        conf.put(prefix + ".warehouse", warehouse);
        return conf;
    }

    /** {@link #sparkConf()} as spark-submit options: {@code --conf k=v ...}. */
    public String sparkSubmitConf() {
        StringBuilder options = new StringBuilder();
        sparkConf().forEach((name, value) -> {
            if (options.length() > 0) {
                options.append(' ');
            }
            options.append("--conf ").append(name).append('=').append(value);
        });
        return options.toString();
    }
}

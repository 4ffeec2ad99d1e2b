package dev.sparkpipeline.curate;

import dev.sparkpipeline.core.engine.IcebergCatalog;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One Spark context (local[2], UTC, Iceberg's extensions) for the whole test suite: starting Spark
 * costs seconds. It ends with the test JVM. Each test gets its own session over it, whose Iceberg
 * catalog is a Hadoop catalog in the test's own folder, as the local runner configures the job.
 */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("curate-job-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.extensions", IcebergCatalog.EXTENSIONS)
                    .getOrCreate();
        }
        return session;
    }

    /** A session whose catalog {@value IcebergCatalog#NAME} keeps its tables under {@code warehouse}. */
    static SparkSession lake(Path warehouse) {
        SparkSession lake = session().newSession();
        IcebergCatalog.hadoop(warehouse.toUri().toString()).sparkConf().forEach((name, value) -> {
            if (!name.equals("spark.sql.extensions")) {
                lake.conf().set(name, value);
            }
        });
        return lake;
    }
}

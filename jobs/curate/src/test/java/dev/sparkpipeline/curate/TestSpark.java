package dev.sparkpipeline.curate;

import org.apache.spark.sql.SparkSession;

/** One Spark session (local[2], UTC) for the whole test suite: starting Spark costs seconds. It ends with the test JVM. */
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
                    .getOrCreate();
        }
        return session;
    }
}

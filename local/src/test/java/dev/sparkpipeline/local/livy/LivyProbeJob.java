package dev.sparkpipeline.local.livy;

import org.apache.spark.sql.SparkSession;

/** A Spark application Livy runs in {@link RealLivyTest}: counts a range, or fails when told to. */
public final class LivyProbeJob {

    private LivyProbeJob() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("livy-probe").getOrCreate();
        try {
            long rows = spark.range(100).count();
            if (args.length > 0 && args[0].equals("--fail")) {
                throw new IllegalStateException("the probe failed on purpose after counting " + rows + " rows");
            }
            System.out.println("livy-probe counted " + rows + " rows");
        } finally {
            spark.stop();
        }
    }
}

import org.apache.spark.sql.SparkSession;

/**
 * The baseline for bench/curate-job.sh: the same file read, cast and written as Parquet with
 * plain Spark, without the pipeline's checks (names, rejects, dedupe, lineage, staging, manifest).
 * Run with the source launcher: java -cp <spark class path> bench/PlainSparkCopy.java IN OUT
 */
public class PlainSparkCopy {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("plain-copy").getOrCreate();
        try {
            spark.read()
                    .option("header", "true")
                    .csv(args[0])
                    .selectExpr(
                            "cast(order_id as string) order_id",
                            "cast(customer_id as string) customer_id",
                            "cast(order_ts as timestamp) order_ts",
                            "cast(amount as decimal(12,2)) amount",
                            "cast(currency as string) currency",
                            "cast(status as string) status")
                    .write()
                    .mode("overwrite")
                    .option("compression", "snappy")
                    .parquet(args[1]);
        } finally {
            spark.stop();
        }
    }
}

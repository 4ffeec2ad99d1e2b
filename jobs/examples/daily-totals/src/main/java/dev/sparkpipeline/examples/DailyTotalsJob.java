package dev.sparkpipeline.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import dev.sparkpipeline.core.outcome.Manifest;
import dev.sparkpipeline.jobs.contract.JobArguments;
import dev.sparkpipeline.jobs.contract.RunManifest;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An example of a dataset's own job, to copy: daily totals per customer from a landed orders file
 * ({@code order_id, customer_id, order_ts, amount}), written to the dataset's Iceberg table (one
 * row per customer and day; a day landed again replaces that day's totals), then the manifest
 * Publish reads. Its one option, {@code --min-amount}, comes from the dataset's
 * {@code job.arguments}; every other argument is the job contract's (docs/job-contract.md).
 */
public final class DailyTotalsJob {

    private DailyTotalsJob() {}

    public static void main(String[] args) {
        JobArguments arguments = JobArguments.parse(args);
        if (arguments.batch()) {
            throw new IllegalArgumentException("the daily totals job reads one landed file; give its dataset no batch");
        }
        BigDecimal minAmount = new BigDecimal(option(JobArguments.others(args), "--min-amount", "0"));
        SparkSession spark = SparkSession.builder()
                .appName("daily-totals-" + arguments.dataset())
                .getOrCreate();
        try {
            Dataset<Row> orders = spark.read()
                    .option("header", true)
                    .schema("order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(12,2)")
                    .csv(arguments.input());
            long rowsIn = orders.count();
            Dataset<Row> totals = orders.filter(col("amount").geq(minAmount))
                    .groupBy(col("customer_id"), to_date(col("order_ts")).as("day"))
                    .agg(
                            sum("amount").cast("decimal(22,2)").as("total"),
                            count("order_id").as("orders"));
            spark.sql("CREATE TABLE IF NOT EXISTS " + arguments.qualifiedTable()
                    + " (customer_id STRING, day DATE, total DECIMAL(22,2), orders BIGINT) USING iceberg"
                    + " PARTITIONED BY (day)");
            totals.writeTo(arguments.qualifiedTable()).overwritePartitions();
            Manifest manifest = RunManifest.of(spark, arguments, rowsIn, totals.count(), "overwrite");
            RunManifest.write(spark, arguments, manifest);
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            spark.stop();
        }
    }

    /** The value after {@code name} among the job's own arguments, or {@code otherwise}. */
    private static String option(List<String> own, String name, String otherwise) {
        int at = own.indexOf(name);
        return at >= 0 && at + 1 < own.size() ? own.get(at + 1) : otherwise;
    }
}

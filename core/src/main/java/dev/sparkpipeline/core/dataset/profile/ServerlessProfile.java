package dev.sparkpipeline.core.dataset.profile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's EMR Serverless job run: Spark sizing (as the Spark settings EMR Serverless reads),
 * dynamic allocation bounds, the job run's retry policy, and whether the run's credentials are
 * narrowed to the dataset's own data by a session policy ({@code executionIamPolicy}).
 *
 * @param driver                   the driver's cores, memory and disk, each null for the engine's default
 * @param executor                 each executor's cores, memory and disk
 * @param minExecutors             {@code spark.dynamicAllocation.minExecutors}, or null
 * @param maxExecutors             {@code spark.dynamicAllocation.maxExecutors}, or null
 * @param initialExecutors         {@code spark.dynamicAllocation.initialExecutors}, or null
 * @param maxAttempts              the job run's {@code retryPolicy.maxAttempts} (1: no retry), or null
 * @param maxFailedAttemptsPerHour the retry policy's {@code maxFailedAttemptsPerHour}, or null
 * @param datasetIamPolicy         true: StartJobRun carries {@code executionIamPolicy.policy} limiting the run to
 *                                 the dataset's landing prefix, curated prefix and table
 */
public record ServerlessProfile(
        Worker driver,
        Worker executor,
        Integer minExecutors,
        Integer maxExecutors,
        Integer initialExecutors,
        Integer maxAttempts,
        Integer maxFailedAttemptsPerHour,
        boolean datasetIamPolicy)
        implements Serializable {

    /** Nothing set: EMR Serverless's own defaults, the role's own permissions. */
    public static final ServerlessProfile DEFAULT =
            new ServerlessProfile(Worker.NONE, Worker.NONE, null, null, null, null, null, false);

    /**
     * One Spark process's size.
     *
     * @param cores  vCPUs (EMR Serverless: 1, 2, 4, 8 or 16)
     * @param memory memory as Spark writes it ({@code 8g})
     * @param disk   disk as Spark writes it ({@code 20g}; EMR Serverless: 20 to 200 GB)
     */
    public record Worker(Integer cores, String memory, String disk) implements Serializable {
        public static final Worker NONE = new Worker(null, null, null);
    }

    /** The Spark settings this profile sets, in a stable order. */
    public Map<String, String> sparkSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "spark.driver.cores", driver.cores());
        put(settings, "spark.driver.memory", driver.memory());
        put(settings, "spark.emr-serverless.driver.disk", driver.disk());
        put(settings, "spark.executor.cores", executor.cores());
        put(settings, "spark.executor.memory", executor.memory());
        put(settings, "spark.emr-serverless.executor.disk", executor.disk());
        put(settings, "spark.dynamicAllocation.minExecutors", minExecutors);
        put(settings, "spark.dynamicAllocation.maxExecutors", maxExecutors);
        put(settings, "spark.dynamicAllocation.initialExecutors", initialExecutors);
        return settings;
    }

    /** {@link #sparkSettings} as spark-submit parameters ({@code --conf k=v ...}), "" when none. */
    public String sparkSubmitConf() {
        List<String> parts = new ArrayList<>();
        sparkSettings().forEach((name, value) -> parts.add("--conf " + name + "=" + value));
        return String.join(" ", parts);
    }

    /** Whether the profile sets a retry policy. */
    public boolean hasRetryPolicy() {
        return maxAttempts != null || maxFailedAttemptsPerHour != null;
    }

    /**
     * The session policy narrowing the run to one dataset: read its landed files, write its curated
     * prefix, and change its table only (the role may reach every dataset).
     *
     * @param region         the stack's region
     * @param account        the stack's account, or {@code *}
     * @param landingBucket  the landing bucket
     * @param landingPrefix  the dataset's landing prefix ({@code orders/})
     * @param curatedBucket  the curated bucket
     * @param artifactsBucket the bucket of the job jar and logs
     * @param database       the Glue database of the dataset's table
     * @param table          the dataset's table name in that database
     * @param dataset        the dataset: its curated root and batch manifests are under its name
     */
    public static Map<String, Object> datasetPolicy(
            String region,
            String account,
            String landingBucket,
            String landingPrefix,
            String curatedBucket,
            String artifactsBucket,
            String database,
            String table,
            String dataset) {
        String glue = "arn:aws:glue:" + region + ":" + account + ":";
        List<Object> statements = List.of(
                statement(
                        "ReadLanded",
                        List.of("s3:GetObject", "s3:GetObjectVersion"),
                        List.of("arn:aws:s3:::" + landingBucket + "/" + landingPrefix + "*")),
                statement(
                        "WriteCurated",
                        List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(
                                "arn:aws:s3:::" + curatedBucket + "/" + dataset + "/*",
                                "arn:aws:s3:::" + curatedBucket + "/_batches/" + dataset + "/*")),
                statement(
                        "ListBuckets",
                        List.of("s3:ListBucket"),
                        List.of("arn:aws:s3:::" + landingBucket, "arn:aws:s3:::" + curatedBucket)),
                statement(
                        "JobArtifactsAndLogs",
                        List.of("s3:GetObject", "s3:PutObject"),
                        List.of("arn:aws:s3:::" + artifactsBucket + "/*")),
                statement(
                        "OwnTable",
                        List.of(
                                "glue:GetDatabase",
                                "glue:GetTable",
                                "glue:GetTables",
                                "glue:CreateTable",
                                "glue:UpdateTable"),
                        List.of(
                                glue + "catalog",
                                glue + "database/" + database,
                                glue + "table/" + database + "/" + table)),
                statement(
                        "Logs",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        List.of("*")));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements);
        return policy;
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", actions);
        statement.put("Resource", resources);
        return statement;
    }

    private static void put(Map<String, String> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, String.valueOf(value));
        }
    }
}

package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.dataset.DatasetSpec;
import dev.sparkpipeline.core.dataset.JobSpec;
import dev.sparkpipeline.core.engine.CurateJobCall;
import dev.sparkpipeline.core.engine.IcebergCatalog;
import dev.sparkpipeline.core.engine.SparkApplication;
import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;

/**
 * Where the engines find the job and its resources: the submit, track and cancel functions'
 * environment (template.yaml, {@code engineEnvironment}).
 *
 * @param region              the AWS region, for console links
 * @param applicationId       the EMR Serverless application
 * @param glueJobName         the Glue job
 * @param jobRoleArn          the role the job runs as
 * @param artifactsBucket     holds the job jar and the job logs
 * @param jobJarKey           the job jar's key in the artifacts bucket
 * @param curatedBucket       where the job writes
 * @param serverlessLogGroup  the CloudWatch log group of EMR Serverless job runs
 * @param glueDatabase        the Glue database the job's Iceberg catalog registers the tables in
 * @param upkeep              when the job compacts its table and expires snapshots
 * @param datasets            the datasets: each one's job and engine profile shape the requests
 */
public record EngineSettings(
        String region,
        String applicationId,
        String glueJobName,
        String jobRoleArn,
        String artifactsBucket,
        String jobJarKey,
        String curatedBucket,
        String serverlessLogGroup,
        String glueDatabase,
        TableUpkeep upkeep,
        DatasetCatalog datasets) {

    /** The Spark configuration property of EMR's own Iceberg runtime jar (EMR Serverless and EMR 7.x). */
    public static final String EMR_ICEBERG_JARS = "spark.jars=/usr/share/aws/iceberg/lib/iceberg-spark3-runtime.jar";

    public static EngineSettings fromEnvironment(FunctionEnvironment environment) {
        return new EngineSettings(
                environment.required("AWS_REGION"),
                environment.required("SERVERLESS_APPLICATION_ID"),
                environment.required("GLUE_JOB_NAME"),
                environment.required("JOB_EXECUTION_ROLE_ARN"),
                environment.required("ARTIFACTS_BUCKET"),
                environment.optional("JOB_JAR_KEY").orElse("jobs/curate/curate-job.jar"),
                environment.required("CURATED_BUCKET"),
                environment.optional("SERVERLESS_LOG_GROUP").orElse("/aws/emr-serverless"),
                environment.required(FunctionVariables.GLUE_DATABASE),
                new TableUpkeep(
                        number(
                                environment,
                                FunctionVariables.TABLE_COMPACT_EVERY_COMMITS,
                                TableUpkeep.DEFAULT.compactEveryCommits()),
                        number(
                                environment,
                                FunctionVariables.TABLE_SNAPSHOT_RETENTION_DAYS,
                                TableUpkeep.DEFAULT.snapshotRetentionDays())),
                FunctionVariables.datasets(environment));
    }

    /** The Iceberg catalog the job commits through: the stack's Glue database, data in the curated bucket. */
    public IcebergCatalog catalog() {
        return IcebergCatalog.glue(curatedBucket, glueDatabase);
    }

    private static int number(FunctionEnvironment environment, String name, int otherwise) {
        String value = environment.optional(name).orElse(null);
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value, e);
        }
    }

    /**
     * What runs for {@code call}: its dataset's own job, or the curate job from {@link #jobJarUri}
     * (a dataset this configuration does not know runs the curate job, which refuses it by name).
     */
    public SparkApplication application(CurateJobCall call) {
        JobSpec job = datasets.named(call.dataset()).map(DatasetSpec::job).orElse(JobSpec.CURATE);
        return SparkApplication.of(job, call, jobJarUri(), artifactsBucket);
    }

    /** The job jar's URI. */
    public String jobJarUri() {
        return "s3://" + artifactsBucket + "/" + jobJarKey;
    }
}

package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.function.FunctionEnvironment;

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
 */
public record EngineSettings(
        String region,
        String applicationId,
        String glueJobName,
        String jobRoleArn,
        String artifactsBucket,
        String jobJarKey,
        String curatedBucket,
        String serverlessLogGroup) {

    public static EngineSettings fromEnvironment(FunctionEnvironment environment) {
        return new EngineSettings(
                environment.required("AWS_REGION"),
                environment.required("SERVERLESS_APPLICATION_ID"),
                environment.required("GLUE_JOB_NAME"),
                environment.required("JOB_EXECUTION_ROLE_ARN"),
                environment.required("ARTIFACTS_BUCKET"),
                environment.optional("JOB_JAR_KEY").orElse("jobs/curate/curate-job.jar"),
                environment.required("CURATED_BUCKET"),
                environment.optional("SERVERLESS_LOG_GROUP").orElse("/aws/emr-serverless"));
    }

    /** The job jar's URI. */
    public String jobJarUri() {
        return "s3://" + artifactsBucket + "/" + jobJarKey;
    }
}

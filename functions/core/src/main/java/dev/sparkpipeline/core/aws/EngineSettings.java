package dev.sparkpipeline.core.aws;

import java.util.Map;

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
        String region, String applicationId, String glueJobName, String jobRoleArn, String artifactsBucket,
        String jobJarKey, String curatedBucket, String serverlessLogGroup) {

    public static EngineSettings fromEnvironment(Map<String, String> environment) {
        return new EngineSettings(required(environment, "AWS_REGION"), required(environment, "SERVERLESS_APPLICATION_ID"),
                required(environment, "GLUE_JOB_NAME"), required(environment, "JOB_EXECUTION_ROLE_ARN"),
                required(environment, "ARTIFACTS_BUCKET"), environment.getOrDefault("JOB_JAR_KEY", "jobs/curate/curate-job.jar"),
                required(environment, "CURATED_BUCKET"), environment.getOrDefault("SERVERLESS_LOG_GROUP", "/aws/emr-serverless"));
    }

    /** The job jar's URI. */
    public String jobJarUri() {
        return "s3://" + artifactsBucket + "/" + jobJarKey;
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the function's environment in template.yaml sets it");
        }
        return value;
    }
}

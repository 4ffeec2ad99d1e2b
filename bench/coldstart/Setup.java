import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS resources the cold-start benchmark's functions call, on moto: the landing, quarantine
 * and curated buckets with a landed orders file, a state machine, an EMR Serverless application
 * with one job run. Writes the events and prints the environment as KEY=VALUE lines.
 *
 * Usage: java -cp <SDK jars> Setup.java ENDPOINT EVENTS_DIR SAMPLE_CSV
 */
public final class Setup {

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path events = Path.of(args[1]);
        byte[] sample = Files.readAllBytes(Path.of(args[2]));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        var http = UrlConnectionHttpClient.create();

        S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http)
                .forcePathStyle(true)
                .build();
        for (String bucket :
                new String[] {"landing-bucket", "quarantine-bucket", "curated-bucket", "artifacts-bucket"}) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        String key = "orders/2026/11/22/orders.csv";
        String etag = s3.putObject(b -> b.bucket("landing-bucket").key(key), RequestBody.fromBytes(sample))
                .eTag()
                .replace("\"", "");

        SfnClient sfn = SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        String stateMachine = sfn.createStateMachine(b -> b.name("spark-pipeline")
                        .roleArn("arn:aws:iam::123456789012:role/pipeline")
                        .definition("{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}"))
                .stateMachineArn();

        EmrServerlessClient emr = EmrServerlessClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        String application = emr.createApplication(
                        b -> b.name("curate").releaseLabel("emr-7.9.0").type("SPARK"))
                .applicationId();
        String jobRun = emr.startJobRun(b -> b.applicationId(application)
                        .executionRoleArn("arn:aws:iam::123456789012:role/job")
                        .name("bench")
                        .jobDriver(d ->
                                d.sparkSubmit(s -> s.entryPoint("s3://artifacts-bucket/jobs/curate/curate-job.jar"))))
                .jobRunId();

        Files.createDirectories(events);
        Files.writeString(events.resolve("validate.json"), """
                {"version": "0", "id": "bench-1", "detail-type": "Object Created", "source": "aws.s3", "time": "2026-11-22T08:00:00Z",
                 "detail": {"bucket": {"name": "landing-bucket"}, "object": {"key": "%s", "size": %d, "etag": "%s"}}}""".formatted(key, sample.length, etag));
        String input = """
                {"dataset": "orders", "engine": "EMR_SERVERLESS", "source": {"bucket": "landing-bucket", "key": "%s", "size": %d},
                 "job": {"timeoutMinutes": 60}}""".formatted(key, sample.length);
        Files.writeString(
                events.resolve("submit.json"), "{\"executionName\": \"bench-submit\", \"input\": " + input + "}");
        Files.writeString(events.resolve("track.json"), """
                {"handle": {"engine": "EMR_SERVERLESS", "jobId": "%s", "containerId": "%s", "runId": "bench", "submittedAt": %d,
                 "deadlineAt": %d}}""".formatted(
                jobRun, application, System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 3600));
        Files.writeString(
                events.resolve("publish.json"), "{\"executionName\": \"bench-publish\", \"state\": " + input + "}");

        System.out.println("STATE_MACHINE_ARN=" + stateMachine);
        System.out.println("SERVERLESS_APPLICATION_ID=" + application);
        System.out.println("NAIVE_JOB_RUN_ID=" + jobRun);
        System.out.println("LANDED_KEY=" + key);
    }
}

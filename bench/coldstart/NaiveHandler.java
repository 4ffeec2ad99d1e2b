import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The way people usually write it: a default SDK client (Apache HTTP client, default credential
 * and region chains, endpoint from AWS_ENDPOINT_URL) built in the handler class, then the same
 * first call the function makes. NAIVE_CALL picks the call; path-style S3 addressing is moto's need.
 */
public final class NaiveHandler implements RequestStreamHandler {

    private final String call = System.getenv("NAIVE_CALL");
    private final Object client =
            call.startsWith("s3") ? S3Client.builder().forcePathStyle(true).build() : EmrServerlessClient.create();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        switch (call) {
            case "s3-head" ->
                ((S3Client) client)
                        .headObject(b -> b.bucket(System.getenv("NAIVE_BUCKET")).key(System.getenv("NAIVE_KEY")));
            case "s3-get" ->
                ((S3Client) client)
                        .getObjectAsBytes(
                                b -> b.bucket(System.getenv("NAIVE_BUCKET")).key(System.getenv("NAIVE_KEY")));
            case "emr-serverless-get-job-run" ->
                ((EmrServerlessClient) client)
                        .getJobRun(b -> b.applicationId(System.getenv("SERVERLESS_APPLICATION_ID"))
                                .jobRunId(System.getenv("NAIVE_JOB_RUN_ID")));
            case "emr-serverless-list-job-runs" ->
                ((EmrServerlessClient) client)
                        .listJobRuns(b -> b.applicationId(System.getenv("SERVERLESS_APPLICATION_ID"))
                                .maxResults(1));
            default -> throw new IllegalArgumentException("NAIVE_CALL " + call);
        }
        output.write("{}".getBytes());
    }
}

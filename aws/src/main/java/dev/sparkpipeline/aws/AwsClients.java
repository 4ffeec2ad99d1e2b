package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.observability.EventLog;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients the functions use, the way a Lambda function should: the
 * {@link UrlConnectionHttpClient} (no second HTTP stack to load), the region from
 * {@code AWS_REGION}, credentials from exactly the two places Lambda puts them (no default chain
 * to walk), an optional endpoint override for moto_server, LocalStack or another emulator, and a
 * log line for every attempt the SDK retries.
 */
public final class AwsClients {

    /** Every retried call of every client, logged where the function's logs go. */
    private static final RetriedCallLog RETRIES = new RetriedCallLog(EventLog.stdout("aws-sdk"));

    private final Region region;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.http = new CannedHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build());
        this.credentials = credentials;
    }

    /**
     * Region from {@code AWS_REGION}; endpoint from {@code AWS_ENDPOINT_URL} when set; credentials
     * from {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN},
     * else from the container credentials endpoint. Lambda sets the keys, except for SnapStart
     * functions, which get {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} instead (Lambda SnapStart
     * docs, "credentials").
     */
    public static AwsClients fromEnvironment(FunctionEnvironment environment) {
        String region = environment
                .optional("AWS_REGION")
                .orElseThrow(
                        () -> new IllegalStateException("AWS_REGION is not set (the Lambda runtime always sets it)"));
        return new AwsClients(
                Region.of(region),
                environment.optional("AWS_ENDPOINT_URL").map(URI::create).orElse(null),
                AwsCredentialsProviderChain.of(
                        () -> keys(environment),
                        ContainerCredentialsProvider.builder().build()));
    }

    /** Clients for an emulator at {@code endpoint} (tests), with the process's credentials. */
    public static AwsClients forEndpoint(String region, URI endpoint) {
        return new AwsClients(Region.of(region), endpoint, EnvironmentVariableCredentialsProvider.create());
    }

    public S3Client s3() {
        var builder = S3Client.builder();
        if (endpoint != null) {
            // Emulators serve buckets by path, not by virtual host.
            builder.forcePathStyle(true);
        }
        return configure(builder);
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder());
    }

    public SfnClient stepFunctions() {
        return configure(SfnClient.builder());
    }

    public EmrServerlessClient emrServerless() {
        return configure(EmrServerlessClient.builder());
    }

    public GlueClient glue() {
        return configure(GlueClient.builder());
    }

    public EmrClient emr() {
        return configure(EmrClient.builder());
    }

    /** Every client the same way: region, HTTP client, credentials, timeouts, endpoint. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.region(region).httpClient(http).credentialsProvider(credentials).overrideConfiguration(timeouts());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** The region the clients call. */
    public String region() {
        return region.id();
    }

    private static ClientOverrideConfiguration timeouts() {
        // Fail an attempt well inside the function's timeout so the SDK's retries still fit.
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .apiCallTimeout(Duration.ofSeconds(40))
                .addExecutionInterceptor(RETRIES)
                .build();
    }

    private static AwsCredentials keys(FunctionEnvironment environment) {
        String id = environment.optional("AWS_ACCESS_KEY_ID").orElse(null);
        String secret = environment.optional("AWS_SECRET_ACCESS_KEY").orElse(null);
        if (id == null || secret == null) {
            throw SdkClientException.create(
                    "no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the function's environment");
        }
        return environment
                .optional("AWS_SESSION_TOKEN")
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret));
    }
}

package dev.sparkpipeline.core.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.net.URI;
import java.time.Duration;

/**
 * Builds the SDK clients the functions use, the way a Lambda function should: the
 * {@link UrlConnectionHttpClient} (no second HTTP stack to load), the region from
 * {@code AWS_REGION}, credentials from exactly the two places Lambda puts them (no default chain
 * to walk), and an optional endpoint override for moto_server, LocalStack or another emulator.
 */
public final class AwsClients {

    private final Region region;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    private AwsClients(Region region, URI endpoint) {
        this.region = region;
        this.endpoint = endpoint;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        // Lambda sets AWS_ACCESS_KEY_ID and friends, except for SnapStart functions, which get
        // AWS_CONTAINER_CREDENTIALS_FULL_URI instead (Lambda SnapStart docs, "credentials").
        this.credentials = AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.builder().build());
    }

    /** Region from {@code AWS_REGION}; endpoint from {@code AWS_ENDPOINT_URL} when set. */
    public static AwsClients fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (the Lambda runtime always sets it)");
        }
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        return new AwsClients(Region.of(region), endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
    }

    /** Clients for an emulator at {@code endpoint} (tests, the local runner's endpoint mode). */
    public static AwsClients forEndpoint(String region, URI endpoint) {
        return new AwsClients(Region.of(region), endpoint);
    }

    public S3Client s3() {
        var builder = S3Client.builder();
        if (endpoint != null) {
            // Emulators serve buckets by path, not by virtual host.
            builder.forcePathStyle(true);
        }
        return configure(builder);
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
                .build();
    }
}

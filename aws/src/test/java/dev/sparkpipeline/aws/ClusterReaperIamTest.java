package dev.sparkpipeline.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reaper in a shared account, against an EMR that enforces the template's IAM as AWS would:
 * the function may list clusters, and may describe or terminate only clusters tagged with its
 * stack. Another team's cluster is in the account; moto enforces no IAM, so this stub does.
 */
class ClusterReaperIamTest {

    private static final String EXECUTION = "orders-5f2c";
    private static final String OURS = "j-OURS00000001";
    private static final String THEIRS = "j-THEIRS000001";
    private static WireMockServer emr;

    @BeforeAll
    static void sharedAccount() {
        emr = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        emr.start();
        emr.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.ListClusters"))
                .willReturn(json(200, """
                        {"Clusters": [
                          {"Id": "%s", "Name": "analytics-nightly", "Status": {"State": "RUNNING"}},
                          {"Id": "%s", "Name": "spark-pipeline-%s", "Status": {"State": "WAITING"}}]}""".formatted(THEIRS, OURS, EXECUTION))));
        emr.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.DescribeCluster"))
                .withRequestBody(containing(THEIRS))
                .willReturn(denied("DescribeCluster", THEIRS)));
        emr.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.TerminateJobFlows"))
                .withRequestBody(containing(THEIRS))
                .willReturn(denied("TerminateJobFlows", THEIRS)));
        emr.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.TerminateJobFlows"))
                .withRequestBody(containing(OURS))
                .willReturn(json(200, "{}")));
    }

    @AfterAll
    static void stop() {
        emr.stop();
    }

    @Test
    void itTerminatesItsExecutionsClusterWithoutReadingAnotherTeamsCluster() {
        var reaper = new ClusterReaper(
                AwsClients.forEndpoint("us-east-1", URI.create(emr.baseUrl())).emr(), "spark-pipeline");

        var terminated = reaper.terminate(EXECUTION);

        assertThat(terminated).containsExactly(OURS);
        emr.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.DescribeCluster")));
        emr.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("ElasticMapReduce.TerminateJobFlows"))
                        .withRequestBody(containing(THEIRS)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "stub")
                .withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder denied(
            String action, String cluster) {
        return json(400, """
                {"__type": "AccessDeniedException", "message": "User: arn:aws:sts::123456789012:assumed-role/spark-pipeline-ReconcileFunctionRole is not authorized to perform: elasticmapreduce:%s on resource: %s because no identity-based policy allows it"}""".formatted(action, cluster));
    }
}

package dev.sparkpipeline.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.sparkpipeline.aws.testing.Requests.request;
import static dev.sparkpipeline.aws.testing.Requests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sparkpipeline.aws.testing.MotoServer;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.error.EngineThrottled;
import dev.sparkpipeline.core.error.EngineUnavailable;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected at the HTTP level between the real SDK clients and moto_server: throttling
 * (429, and 400 ThrottlingException) and 5xx. Transient faults are retried by the SDK and the
 * call succeeds; faults that outlast the retries surface as the typed errors the state machine
 * retries on.
 */
class EngineFaultInjectionTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static WireMockServer proxy;
    private AwsClients clients;
    private String applicationId;

    @BeforeAll
    static void startProxy() {
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop();
    }

    @BeforeEach
    void everythingPassesThrough() {
        moto.reset();
        proxy.resetAll();
        proxy.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        clients = AwsClients.forEndpoint("us-east-1", URI.create(proxy.baseUrl()));
        applicationId = moto.createCurateApplication();
        moto.createCurateGlueJob();
    }

    @Test
    void aThrottledPollIsRetriedAndSucceeds() {
        JobHandle handle = engine(Engine.EMR_SERVERLESS).submit(request(Engine.EMR_SERVERLESS, "orders-run-1", null));
        String path = "/applications/" + applicationId + "/jobruns/" + handle.jobId();
        failFirst(2, () -> get(urlEqualTo(path)), throttled429());
        proxy.resetRequests();

        var seen = engine(Engine.EMR_SERVERLESS).observe(handle);

        assertThat(seen.rawState()).isEqualTo("SUCCESS");
        proxy.verify(3, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void aServerErrorOnStartIsRetriedWithoutStartingTwice() {
        failFirst(
                1,
                () -> glue("StartJobRun"),
                aResponse().withStatus(503).withBody("{\"message\": \"Service Unavailable\"}"));

        JobHandle handle = engine(Engine.GLUE).submit(request(Engine.GLUE, "orders-run-1", null));

        assertThat(handle.jobId()).isNotBlank();
        assertThat(moto.clients().glue().getJobRuns(b -> b.jobName("curate")).jobRuns())
                .hasSize(1);
    }

    @Test
    void aThrottlingExceptionInTheBodyIsRetriedToo() {
        failFirst(
                1,
                () -> glue("StartJobRun"),
                aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}"));

        engine(Engine.GLUE).submit(request(Engine.GLUE, "orders-run-1", null));

        proxy.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.StartJobRun")));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsATypedRetriableError() {
        proxy.stubFor(get(urlPathMatching("/applications/.*/jobruns/.*")).willReturn(throttled429()));
        var handle = JobHandle.of(Engine.EMR_SERVERLESS, "run-1", applicationId, "orders-run-1", 0, 60);

        assertThatThrownBy(() -> engine(Engine.EMR_SERVERLESS).observe(handle))
                .isInstanceOf(EngineThrottled.class)
                .satisfies(error ->
                        assertThat(((EngineThrottled) error).retriable()).isTrue());
    }

    @Test
    void serverErrorsThatOutlastTheRetriesAreATypedRetriableError() {
        proxy.stubFor(
                glue("GetJobRuns").willReturn(aResponse().withStatus(500).withBody("{\"message\": \"Internal\"}")));

        assertThatThrownBy(() -> engine(Engine.GLUE).submit(request(Engine.GLUE, "orders-run-1", null)))
                .isInstanceOf(EngineUnavailable.class);
        assertThat(moto.clients().glue().getJobRuns(b -> b.jobName("curate")).jobRuns())
                .isEmpty();
    }

    private dev.sparkpipeline.core.engine.JobEngine engine(Engine engine) {
        return AwsJobEngines.on(clients, settings(applicationId), Clock.systemUTC())
                .get(engine);
    }

    /** The first {@code times} matching requests fail; the rest pass through to moto. */
    private static void failFirst(int times, Supplier<MappingBuilder> request, ResponseDefinitionBuilder failure) {
        String scenario = "fail-first-" + System.nanoTime();
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = i == times ? "passing" : "failed-" + i;
            proxy.stubFor(request.get()
                    .inScenario(scenario)
                    .whenScenarioStateIs(state)
                    .willReturn(failure)
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static MappingBuilder glue(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue." + operation));
    }

    private static ResponseDefinitionBuilder throttled429() {
        return aResponse()
                .withStatus(429)
                .withHeader("x-amzn-ErrorType", "ThrottlingException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Rate exceeded\"}");
    }
}

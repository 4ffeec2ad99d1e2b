package dev.sparkpipeline.local.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sparkpipeline.core.testing.MotoServer;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.template.SamStateMachine;
import dev.sparkpipeline.local.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §4.3: {@code statemachine/pipeline.asl.json}, substituted as the template would, run by
 * moto's Step Functions interpreter, for every scenario in {@code statemachine/scenarios/}.
 *
 * <p>moto's interpreter makes its service calls over HTTP to the port in {@code MOTO_PORT}. That
 * port is a WireMock proxy in front of moto: Lambda invocations are answered in order from the
 * scenario (payloads, function errors with our error types, Lambda service errors: moto's own
 * lambda-simple backend can only succeed), and a scenario may fail an AWS SDK integration; every
 * other call passes through to moto.
 */
class MotoInterpreterScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final Duration EXECUTION_TIMEOUT = Duration.ofSeconds(120);

    private static WireMockServer proxy;
    private static MotoServer moto;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        int proxyPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            proxyPort = socket.getLocalPort();
        }
        moto = new MotoServer(Map.of("MOTO_PORT", String.valueOf(proxyPort)));
        moto.beforeAll((ExtensionContext) null);
        // "localhost" is what moto's interpreter calls: bind the proxy where that resolves too.
        proxy = new WireMockServer(options().port(proxyPort).bindAddress("localhost"));
        proxy.start();
        sfn = moto.clients().stepFunctions();
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (moto != null) {
            moto.afterAll(null);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioTakesItsPathOnMotosInterpreter() {
        List<PipelineScenario> scenarios = PipelineScenario.all(ProjectFiles.root().resolve("statemachine/scenarios"));
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> run(scenario)));
    }

    private void run(PipelineScenario scenario) throws Exception {
        moto.reset();
        moto.post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}, \"lambda\": {\"use_docker\": false}}");
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        scriptLambda(scenario.lambda());
        scriptAws(scenario.aws());
        moto.clients().s3().createBucket(b -> b.bucket("artifacts-bucket"));
        String topicArn = sns().createTopic(b -> b.name("failures")).topicArn();

        SamStateMachine stateMachine = SamTemplate.read(ProjectFiles.template()).stateMachine();
        String definition = stateMachine.substitute(PipelineScenario.substitutions(stateMachine, topicArn));
        String arn = sfn.createStateMachine(b -> b.name("pipeline").definition(definition)
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/pipeline")).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).name("scenario")
                .input(scenario.input().toString())).executionArn();

        var described = awaitEnd(execution);
        List<String> path = statesEntered(execution);

        assertThat(path).as("states entered in %s (execution %s, error %s, cause %s)", scenario.name(),
                described.statusAsString(), described.error(), described.cause())
                .containsExactlyElementsOf(scenario.expectedPath());
        assertThat(described.statusAsString()).isEqualTo(scenario.expect().path("status").asText());
        if (scenario.expect().has("error")) {
            assertThat(described.error()).isEqualTo(scenario.expect().path("error").asText());
        }
        if (scenario.expect().has("cause")) {
            assertThat(described.cause()).contains(scenario.expect().path("cause").asText());
        }
        if (scenario.expect().path("clusterTerminated").asBoolean(false)) {
            var clusters = moto.clients().emr().listClusters().clusters();
            assertThat(clusters).isNotEmpty().allSatisfy(cluster ->
                    assertThat(cluster.status().stateAsString()).startsWith("TERMINAT"));
        }
    }

    private software.amazon.awssdk.services.sns.SnsClient sns() {
        return software.amazon.awssdk.services.sns.SnsClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(moto.endpoint())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    /** Each function's results, in call order; a call past the last result is a loud failure. */
    private static void scriptLambda(JsonNode lambda) {
        lambda.fields().forEachRemaining(function -> {
            List<JsonNode> results = new ArrayList<>();
            function.getValue().forEach(results::add);
            script(function.getKey(), () -> post(urlPathMatching("/2015-03-31/functions/.*" + function.getKey() + ".*/invocations")),
                    results.stream().map(MotoInterpreterScenarioTest::lambdaAnswer).toList());
        });
    }

    /** {@code "emr:RunJobFlow"} results, answered in the JSON 1.1 protocol the integration speaks. */
    private static void scriptAws(JsonNode aws) {
        aws.fields().forEachRemaining(operation -> {
            String[] parts = operation.getKey().split(":");
            String target = switch (parts[0]) {
                case "emr" -> "ElasticMapReduce." + parts[1];
                default -> throw new IllegalArgumentException("scenarios may fail emr:* integrations only: " + operation.getKey());
            };
            List<ResponseDefinitionBuilder> answers = new ArrayList<>();
            operation.getValue().forEach(result -> {
                JsonNode error = result.path("serviceError");
                answers.add(aResponse().withStatus(error.path("status").asInt(400))
                        .withHeader("Content-Type", "application/x-amz-json-1.1").withHeader("x-amzn-RequestId", requestId())
                        .withBody("{\"__type\": \"" + error.path("code").asText() + "\", \"message\": \""
                                + error.path("message").asText() + "\"}"));
            });
            script(operation.getKey(), () -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)), answers);
        });
    }

    private static void script(String name, java.util.function.Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.size(); i++) {
            String next = "after-" + (i + 1);
            proxy.stubFor(request.get().atPriority(1).inScenario(name).whenScenarioStateIs(state)
                    .willReturn(answers.get(i)).willSetStateTo(next));
            state = next;
        }
        proxy.stubFor(request.get().atPriority(1).inScenario(name).whenScenarioStateIs(state).willReturn(
                aResponse().withStatus(500).withHeader("x-amzn-ErrorType", "ScenarioExhausted").withHeader("x-amzn-RequestId", requestId())
                        .withBody("{\"message\": \"the scenario scripts no more results for " + name + "\"}")));
    }

    /** AWS answers every call with a request id; moto's interpreter fails on an error without one. */
    private static String requestId() {
        return java.util.UUID.randomUUID().toString();
    }

    private static ResponseDefinitionBuilder lambdaAnswer(JsonNode result) {
        if (result.has("payload")) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("x-amzn-RequestId", requestId())
                    .withHeader("X-Amz-Executed-Version", "1").withBody(result.path("payload").toString());
        }
        if (result.has("functionError")) {
            JsonNode error = result.path("functionError");
            var body = JSON.createObjectNode().put("errorMessage", error.path("errorMessage").asText())
                    .put("errorType", error.path("errorType").asText());
            body.putArray("stackTrace");
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("x-amzn-RequestId", requestId())
                    .withHeader("X-Amz-Function-Error", "Unhandled").withBody(body.toString());
        }
        JsonNode error = result.path("serviceError");
        return aResponse().withStatus(error.path("status").asInt(500)).withHeader("x-amzn-ErrorType", error.path("code").asText())
                .withHeader("x-amzn-RequestId", requestId())
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Type\": \"Service\", \"message\": \"" + error.path("message").asText() + "\"}");
    }

    private static software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse awaitEnd(String execution)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var described = sfn.describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the execution did not end within " + EXECUTION_TIMEOUT + "; moto log:\n" + moto.log());
    }

    private static List<String> statesEntered(String execution) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = sfn.getExecutionHistory(b -> b.executionArn(execution).nextToken(next).maxResults(1000));
            for (HistoryEvent event : page.events()) {
                if (event.stateEnteredEventDetails() != null && event.typeAsString().endsWith("StateEntered")) {
                    names.add(event.stateEnteredEventDetails().name());
                }
            }
            token = page.nextToken();
        } while (token != null);
        return names;
    }
}

package dev.sparkpipeline.local.statemachine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sparkpipeline.aws.testing.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * moto's Step Functions interpreter, with scripted Lambda answers.
 *
 * <p>moto's interpreter makes its service calls over HTTP to the port in {@code MOTO_PORT}. That
 * port is a WireMock proxy in front of moto: Lambda invocations are answered in order from a
 * script (payloads, function errors with our error types, Lambda service errors: moto's own
 * lambda-simple backend can only succeed), and a script may fail an AWS SDK integration; every
 * other call passes through to moto. A test class registers it as a static extension: it starts
 * before the class's tests and stops after them.
 */
final class MotoStepFunctions implements BeforeAllCallback, AfterAllCallback {

    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXECUTION_TIMEOUT = Duration.ofMinutes(2);

    // Set when the test class starts (the ports are free then), cleared when it ends.
    private MotoServer moto;
    private WireMockServer proxy;
    private SfnClient sfn;
    private int executions;

    /**
     * How an execution ended on moto.
     *
     * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
     * @param output the output (null unless it succeeded)
     * @param error  the error (null unless it failed)
     * @param cause  the cause (null unless it failed)
     * @param path   the states entered, in order
     */
    record Run(String status, JsonNode output, String error, String cause, List<String> path) {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
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

    MotoServer moto() {
        return moto;
    }

    /** Resets moto and the script: every run starts from an empty account. */
    void reset(JsonNode lambda, JsonNode aws) {
        moto.reset();
        moto.post(
                "/moto-api/config",
                "{\"stepfunctions\": {\"execute_state_machine\": true}, \"lambda\": {\"use_docker\": false}}");
        proxy.resetAll();
        proxy.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        scriptLambda(lambda);
        scriptAws(aws);
    }

    /** Creates the state machine, runs one execution to its end and reads its history. */
    Run execute(String definition, JsonNode input) throws InterruptedException {
        executions++;
        String name = "machine-" + executions;
        String arn = sfn.createStateMachine(
                        b -> b.name(name).definition(definition).roleArn("arn:aws:iam::" + ACCOUNT + ":role/pipeline"))
                .stateMachineArn();
        String execution = sfn.startExecution(
                        b -> b.stateMachineArn(arn).name("run").input(input.toString()))
                .executionArn();
        var described = awaitEnd(execution);
        JsonNode output = null;
        if (described.output() != null) {
            try {
                output = JSON.readTree(described.output());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Run(
                described.statusAsString(), output, described.error(), described.cause(), statesEntered(execution));
    }

    /** Stops the proxy and moto. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (moto != null) {
            moto.afterAll(context);
        }
        proxy = null;
        moto = null;
        sfn = null;
    }

    /** Each function's results, in call order; a call past the last result is a loud failure. */
    private void scriptLambda(JsonNode lambda) {
        lambda.fields().forEachRemaining(function -> {
            List<ResponseDefinitionBuilder> answers = new ArrayList<>();
            function.getValue().forEach(result -> answers.add(lambdaAnswer(result)));
            script(
                    function.getKey(),
                    () -> post(urlPathMatching("/2015-03-31/functions/.*" + function.getKey() + ".*/invocations")),
                    answers);
        });
    }

    /**
     * Scripted integration results (only {@code serviceError}s), each answered in the protocol its
     * service speaks: EMR and EventBridge JSON 1.1 (by {@code X-Amz-Target}), SNS the query
     * protocol (by its {@code Action}), whose errors are XML.
     */
    private void scriptAws(JsonNode aws) {
        aws.fields().forEachRemaining(operation -> {
            String[] parts = operation.getKey().split(":", -1);
            List<ResponseDefinitionBuilder> answers = new ArrayList<>();
            Supplier<MappingBuilder> request = switch (parts[0]) {
                case "emr" ->
                    () -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("ElasticMapReduce." + parts[1]));
                case "events" ->
                    () -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents." + parts[1]));
                case "sns" -> () -> post(urlEqualTo("/")).withRequestBody(containing("Action=" + parts[1]));
                default ->
                    throw new IllegalArgumentException(
                            "scripts may fail emr, events and sns integrations: " + operation.getKey());
            };
            operation.getValue().forEach(result -> {
                JsonNode error = result.path("serviceError");
                if (parts[0].equals("sns")) {
                    answers.add(aResponse()
                            .withStatus(error.path("status").asInt(400))
                            .withHeader("Content-Type", "text/xml")
                            .withHeader("x-amzn-RequestId", requestId())
                            .withBody("<ErrorResponse><Error><Type>Sender</Type><Code>"
                                    + error.path("code").asText() + "</Code><Message>"
                                    + error.path("message").asText() + "</Message></Error><RequestId>" + requestId()
                                    + "</RequestId></ErrorResponse>"));
                } else {
                    answers.add(aResponse()
                            .withStatus(error.path("status").asInt(400))
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withHeader("x-amzn-RequestId", requestId())
                            .withBody("{\"__type\": \"" + error.path("code").asText() + "\", \"message\": \""
                                    + error.path("message").asText() + "\"}"));
                }
            });
            script(operation.getKey(), request, answers);
        });
    }

    /**
     * The integration scripts (not the Lambda ones, which a changed path already shows) whose
     * results were not all served: a script the run never reached proves nothing.
     */
    List<String> unusedAwsScripts(JsonNode aws) {
        List<String> unused = new ArrayList<>();
        aws.fields().forEachRemaining(operation -> {
            String done = "after-" + operation.getValue().size();
            boolean served = proxy.getAllScenarios().getScenarios().stream()
                    .anyMatch(scenario -> scenario.getName().equals(operation.getKey())
                            && scenario.getState().equals(done));
            if (!served) {
                unused.add(operation.getKey());
            }
        });
        return unused;
    }

    private void script(String name, Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.size(); i++) {
            String next = "after-" + (i + 1);
            proxy.stubFor(request.get()
                    .atPriority(1)
                    .inScenario(name)
                    .whenScenarioStateIs(state)
                    .willReturn(answers.get(i))
                    .willSetStateTo(next));
            state = next;
        }
        proxy.stubFor(request.get()
                .atPriority(1)
                .inScenario(name)
                .whenScenarioStateIs(state)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("x-amzn-ErrorType", "ScenarioExhausted")
                        .withHeader("x-amzn-RequestId", requestId())
                        .withBody("{\"message\": \"the script has no more results for " + name + "\"}")));
    }

    /** AWS answers every call with a request id; moto's interpreter fails on an error without one. */
    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** Invoke's 200: the function ran, whether it returned or threw (a function error is no HTTP error). */
    private static ResponseDefinitionBuilder invoked() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", requestId());
    }

    private static ResponseDefinitionBuilder lambdaAnswer(JsonNode result) {
        if (result.has("payload")) {
            return invoked()
                    .withHeader("X-Amz-Executed-Version", "1")
                    .withBody(result.path("payload").toString());
        }
        if (result.has("functionError")) {
            return invoked()
                    .withHeader("X-Amz-Function-Error", "Unhandled")
                    .withBody(ScriptedTasks.unhandledError(result.path("functionError"))
                            .toString());
        }
        JsonNode error = result.path("serviceError");
        return aResponse()
                .withStatus(error.path("status").asInt(500))
                .withHeader("x-amzn-ErrorType", error.path("code").asText())
                .withHeader("x-amzn-RequestId", requestId())
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Type\": \"Service\", \"message\": \""
                        + error.path("message").asText() + "\"}");
    }

    private software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse awaitEnd(String execution)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(EXECUTION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var described = sfn.describeExecution(b -> b.executionArn(execution));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the execution did not end within " + EXECUTION_TIMEOUT + "; moto log:\n" + moto.log());
    }

    private List<String> statesEntered(String execution) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = sfn.getExecutionHistory(
                    b -> b.executionArn(execution).nextToken(next).maxResults(1000));
            for (HistoryEvent event : page.events()) {
                if (event.stateEnteredEventDetails() != null
                        && event.typeAsString().endsWith("StateEntered")) {
                    names.add(event.stateEnteredEventDetails().name());
                }
            }
            token = page.nextToken();
        } while (token != null);
        return names;
    }
}

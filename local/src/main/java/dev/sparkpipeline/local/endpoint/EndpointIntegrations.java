package dev.sparkpipeline.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.asl.TaskRunner;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The state machine's service integrations against the endpoint: {@code aws-sdk:emr:runJobFlow}
 * and {@code terminateJobFlows}, {@code sns:publish}, {@code events:putEvents}. One call per task
 * attempt, as Step Functions makes: the clients do not retry, so a throttled or failed call fails
 * the attempt with {@code <Service>.<error code>} and the definition's {@code Retry} decides.
 */
final class EndpointIntegrations implements TaskRunner {

    private final EmrClient emr;
    private final SnsClient sns;
    private final EventBridgeClient events;

    EndpointIntegrations(EmrClient emr, SnsClient sns, EventBridgeClient events) {
        this.emr = emr;
        this.sns = sns;
        this.events = events;
    }

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        return switch (resource) {
            case "arn:aws:states:::aws-sdk:emr:runJobFlow" ->
                call("Emr", () -> emr.runJobFlow(SdkPojoJson.request(RunJobFlowRequest.builder(), parameters)));
            case "arn:aws:states:::aws-sdk:emr:terminateJobFlows" ->
                call(
                        "Emr",
                        () -> emr.terminateJobFlows(
                                SdkPojoJson.request(TerminateJobFlowsRequest.builder(), parameters)));
            case "arn:aws:states:::sns:publish" ->
                call("SNS", () -> sns.publish(SdkPojoJson.request(PublishRequest.builder(), parameters)));
            case "arn:aws:states:::events:putEvents" ->
                call(
                        "EventBridge",
                        () -> events.putEvents(
                                SdkPojoJson.request(PutEventsRequest.builder(), detailsAsText(parameters))));
            default ->
                throw new StatesError(StatesError.RUNTIME, "the endpoint mode has no integration for " + resource);
        };
    }

    /** Step Functions accepts an event's {@code Detail} as JSON and sends it as text, as PutEvents takes it. */
    private static JsonNode detailsAsText(JsonNode parameters) {
        JsonNode copy = parameters.deepCopy();
        for (JsonNode entry : copy.path("Entries")) {
            if (entry.path("Detail").isObject()) {
                ((ObjectNode) entry).put("Detail", entry.path("Detail").toString());
            }
        }
        return copy;
    }

    private static JsonNode call(String service, Supplier<? extends SdkPojo> call) {
        try {
            return SdkPojoJson.result(call.get());
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new StatesError(service + "." + (code == null ? "HTTP" + e.statusCode() : code), e.getMessage());
        } catch (SdkException e) {
            throw new StatesError(StatesError.TASK_FAILED, service + ": " + e.getMessage());
        }
    }
}

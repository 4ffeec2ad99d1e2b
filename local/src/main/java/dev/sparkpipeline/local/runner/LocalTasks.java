package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The state machine's Task resources for the local interpreter: {@code lambda:invoke} (and a bare
 * function ARN) calls the template's function in-process; every other resource goes to the
 * service integrations given: {@link LakeIntegrations} offline, the endpoint's services in the
 * endpoint mode.
 */
public record LocalTasks(LocalFunctions functions, TaskRunner integrations) implements TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        if (resource.equals("arn:aws:states:::lambda:invoke")) {
            return invoke(parameters);
        }
        if (resource.startsWith("arn:aws:lambda:")) {
            ObjectNode wrapped = JSON.createObjectNode().put("FunctionName", resource);
            wrapped.set("Payload", parameters);
            return invoke(wrapped).path("Payload");
        }
        return integrations.run(resource, parameters);
    }

    /** FunctionName is an ARN (or name) ending in the logical id, optionally with an alias. */
    private JsonNode invoke(JsonNode parameters) {
        String name = parameters.path("FunctionName").asText();
        String logicalId = functions.names().stream()
                .filter(id -> name.equals(id) || name.contains(":function:" + id))
                .findFirst()
                .orElse(name);
        try {
            byte[] answer = functions.invoke(logicalId, JSON.writeValueAsBytes(parameters.path("Payload")));
            ObjectNode result = JSON.createObjectNode().put("StatusCode", 200).put("ExecutedVersion", "1");
            result.set("Payload", answer.length == 0 ? JSON.nullNode() : JSON.readTree(answer));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

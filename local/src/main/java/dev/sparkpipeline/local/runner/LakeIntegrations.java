package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.local.asl.StatesError;
import dev.sparkpipeline.local.asl.TaskRunner;
import dev.sparkpipeline.local.lake.LocalLake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

/**
 * The state machine's service integrations offline: {@code aws-sdk:emr:runJobFlow} and
 * {@code terminateJobFlows} keep a cluster registry under {@code <lake>/_clusters/};
 * {@code sns:publish} and {@code events:putEvents} write to an outbox under {@code <lake>/_outbox/}.
 */
public record LakeIntegrations(LocalLake lake) implements TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    @Override
    public JsonNode run(String resource, JsonNode parameters) {
        return switch (resource) {
            case "arn:aws:states:::aws-sdk:emr:runJobFlow" -> createCluster(parameters);
            case "arn:aws:states:::aws-sdk:emr:terminateJobFlows" -> terminateClusters(parameters);
            case "arn:aws:states:::sns:publish" -> outbox("sns", parameters, "MessageId");
            case "arn:aws:states:::events:putEvents" -> putEvents(parameters);
            default -> throw new StatesError(StatesError.RUNTIME, "the local runner has no stand-in for " + resource);
        };
    }

    private JsonNode createCluster(JsonNode parameters) {
        // EMR's own form (j- and 13 characters), unique across runs and processes sharing the lake.
        String id = "j-" + randomId(13);
        ObjectNode cluster = JSON.createObjectNode().put("Id", id).put("State", "WAITING");
        cluster.set("Request", parameters);
        write(lake.root().resolve("_clusters").resolve(id + ".json"), cluster);
        return JSON.createObjectNode()
                .put("JobFlowId", id)
                .put("ClusterArn", "arn:aws:elasticmapreduce:local:000000000000:cluster/" + id);
    }

    private JsonNode terminateClusters(JsonNode parameters) {
        for (JsonNode id : parameters.path("JobFlowIds")) {
            Path file = lake.root().resolve("_clusters").resolve(id.asText() + ".json");
            try {
                if (!Files.exists(file)) {
                    throw new StatesError(
                            "Emr.InvalidRequestException", "Cluster id '" + id.asText() + "' is not valid.");
                }
                ObjectNode cluster = (ObjectNode) JSON.readTree(file.toFile());
                cluster.put("State", "TERMINATED");
                write(file, cluster);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode putEvents(JsonNode parameters) {
        String id = outbox("events", parameters, "EventId").path("EventId").asText();
        ObjectNode answer = JSON.createObjectNode().put("FailedEntryCount", 0);
        answer.putArray("Entries").addObject().put("EventId", id);
        return answer;
    }

    /**
     * Writes a message to {@code _outbox/<kind>/<id>.json}. The id starts with the time, so the
     * folder lists in order, and ends with random characters, so no two runs or processes share one.
     */
    private JsonNode outbox(String kind, JsonNode message, String idField) {
        String id = "local-" + Instant.now().toString().replace(":", "").replace(".", "") + "-"
                + randomId(8).toLowerCase(Locale.ROOT);
        write(lake.root().resolve("_outbox").resolve(kind).resolve(id + ".json"), message);
        return JSON.createObjectNode().put(idField, id);
    }

    private static String randomId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)];
        }
        return new String(id);
    }

    private static void write(Path file, JsonNode document) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sparkpipeline.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.local.lake.LocalLake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local cluster registry ({@code <lake>/_clusters/}, kept by {@link LakeIntegrations}) as the
 * reconciler sees EMR: clusters found by the name the state machine gives them,
 * {@code <stack>-<execution name>}, and terminated.
 */
public final class LakeClusters implements ExecutionClusters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path registry;
    private final String stackName;

    public LakeClusters(LocalLake lake, String stackName) {
        this.registry = lake.root().resolve("_clusters");
        this.stackName = stackName;
    }

    @Override
    public List<String> terminate(String executionName) {
        List<String> terminated = new ArrayList<>();
        if (!Files.isDirectory(registry)) {
            return terminated;
        }
        String name = stackName + "-" + executionName;
        try (Stream<Path> files = Files.list(registry)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".json")).toList()) {
                ObjectNode cluster = (ObjectNode) JSON.readTree(file.toFile());
                JsonNode request = cluster.path("Request");
                if (name.equals(request.path("Name").asText())
                        && !"TERMINATED".equals(cluster.path("State").asText())) {
                    cluster.put("State", "TERMINATED");
                    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(cluster));
                    terminated.add(cluster.path("Id").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terminated;
    }
}

package dev.sparkpipeline.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.lake.LocalLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stand-ins for SNS, EventBridge and EMR never overwrite what an earlier run of any process left. */
class LakeIntegrationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lakeDir;

    @Test
    void everyRunsNotificationsAndEventsKeepTheirOwnFile() throws IOException {
        for (int run = 0; run < 20; run++) {
            var integrations = new LakeIntegrations(new LocalLake(lakeDir));
            integrations.run(
                    "arn:aws:states:::sns:publish", JSON.createObjectNode().put("Message", "run " + run));
            integrations.run(
                    "arn:aws:states:::events:putEvents", JSON.createObjectNode().put("Detail", "run " + run));
        }

        assertThat(count(lakeDir.resolve("_outbox/sns"))).isEqualTo(20);
        assertThat(count(lakeDir.resolve("_outbox/events"))).isEqualTo(20);
    }

    @Test
    void clustersOfDifferentRunsHaveDifferentIds() {
        String first = new LakeIntegrations(new LocalLake(lakeDir))
                .run("arn:aws:states:::aws-sdk:emr:runJobFlow", JSON.createObjectNode())
                .path("JobFlowId")
                .asText();
        String second = new LakeIntegrations(new LocalLake(lakeDir))
                .run("arn:aws:states:::aws-sdk:emr:runJobFlow", JSON.createObjectNode())
                .path("JobFlowId")
                .asText();

        assertThat(first).matches("j-[A-Z0-9]{13}").isNotEqualTo(second);
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}

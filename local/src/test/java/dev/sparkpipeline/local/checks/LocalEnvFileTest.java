package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sam local invoke --env-vars events/local-env.json} gives every function every variable the template sets. */
class LocalEnvFileTest {

    @Test
    void everyVariableTheTemplateSetsOnAFunctionIsInTheLocalEnvFile() throws IOException {
        JsonNode file = new ObjectMapper()
                .readTree(ProjectFiles.root().resolve("events/local-env.json").toFile());
        List<String> missing = new ArrayList<>();
        SamTemplate.read(ProjectFiles.template())
                .functions()
                .forEach((id, function) -> function.environment().keySet().stream()
                        .filter(name -> !file.path(id).has(name))
                        .forEach(name -> missing.add(id + "." + name)));

        assertThat(missing).isEmpty();
    }
}

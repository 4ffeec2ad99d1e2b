package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build check: {@code cfn-lint template.yaml} reports nothing, not even a warning. */
class TemplateLintTest {

    @Test
    void templateLintsWithoutErrorsOrWarnings() {
        var result = cfnLint(ProjectFiles.template());

        assertThat(result.output()).as("cfn-lint output").isBlank();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void lintRejectsATemplateWithAnUnknownProperty(@TempDir Path dir) throws IOException {
        String broken = Files.readString(ProjectFiles.template())
                .replace("      GlueVersion: \"5.0\"", "      GlueVersion: \"5.0\"\n      NoSuchProperty: 1");
        Path copy = dir.resolve("template.yaml");
        Files.writeString(copy, broken);
        Files.createDirectories(dir.resolve("statemachine"));
        Files.copy(
                ProjectFiles.root().resolve("statemachine/pipeline.asl.json"),
                dir.resolve("statemachine/pipeline.asl.json"));

        var result = cfnLint(copy);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("NoSuchProperty");
    }

    private static ExternalCommand.Result cfnLint(Path template) {
        return ExternalCommand.run(template.getParent(), Map.of(), 180, List.of("cfn-lint", template.toString()));
    }
}

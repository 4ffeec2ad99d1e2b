package dev.sparkpipeline.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.local.checks.ProjectFiles;
import dev.sparkpipeline.local.lake.LocalLake;
import dev.sparkpipeline.local.lake.RecordingExecutionStarter;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template's functions built offline, each by its factory. */
class LocalFunctionsTest {

    @TempDir
    Path lakeDir;

    @Test
    void everyFunctionOfTheTemplateIsBuiltFromTheTemplatesVariablesAlone() {
        SamTemplate template = SamTemplate.read(ProjectFiles.template());

        LocalFunctions functions = functions(template);

        assertThat(functions.names())
                .containsExactlyInAnyOrderElementsOf(template.functions().keySet());
    }

    @Test
    void aTemplateNamingAHandlerWithoutAFactoryIsRefusedWithTheFunctionAndTheClass() throws IOException {
        Path edited = lakeDir.resolve("template.yaml");
        Files.writeString(
                edited,
                Files.readString(ProjectFiles.template())
                        .replace(
                                "dev.sparkpipeline.cancel.CancelJobHandler::handleRequest",
                                "dev.sparkpipeline.cancel.Typo::handleRequest"));

        assertThatThrownBy(() -> functions(SamTemplate.read(edited)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CancelJobFunction")
                .hasMessageContaining("dev.sparkpipeline.cancel.Typo");
    }

    private LocalFunctions functions(SamTemplate template) {
        var lake = new LocalLake(lakeDir);
        var adapters = new LakeAdapters(
                lake,
                new JobEngines(List.of()),
                new RecordingExecutionStarter(ExecutionLedger.of(lakeDir)),
                Clock.systemUTC());
        return new LocalFunctions(template, new LakeSite(new LocalResources(template), lake, adapters), null);
    }
}

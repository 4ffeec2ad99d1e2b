package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.engine.TableUpkeep;
import dev.sparkpipeline.local.template.LocalResources;
import dev.sparkpipeline.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

/** The local runner's jobs look after their tables as a stack with the template's defaults does. */
class TableUpkeepDefaultsTest {

    private final LocalResources template = new LocalResources(SamTemplate.read(ProjectFiles.template()));

    @Test
    void theTemplatesUpkeepDefaultsAreTheOnesTheLocalRunnerUses() {
        assertThat(new TableUpkeep(
                        Integer.parseInt(template.ref("TableCompactEveryCommits")),
                        Integer.parseInt(template.ref("TableSnapshotRetentionDays"))))
                .isEqualTo(TableUpkeep.DEFAULT);
    }
}

package dev.sparkpipeline.aws.livy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.engine.EngineDescription;
import dev.sparkpipeline.core.engine.EngineDescriptions;
import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Livy's states and their meanings. */
class LivyStateTableTest {

    @Test
    void aStandInForLivyReportsItsBatchStates() {
        assertThat(EngineDescriptions.EMR_LIVY.reportedAs(NormalisedState.RUNNING))
                .isEqualTo("running");
        assertThat(EngineDescriptions.EMR_LIVY.reportedAs(NormalisedState.FAILED))
                .isEqualTo("dead");
        assertThat(EngineDescriptions.EMR_LIVY.reportedAs(NormalisedState.SUCCEEDED))
                .isEqualTo("success");
    }

    /** Every state of Livy 0.7's {@code SessionState.apply}, in its order. */
    private static final String[] LIVY_STATES = {
        "not_started",
        "starting",
        "recovering",
        "idle",
        "running",
        "busy",
        "shutting_down",
        "error",
        "dead",
        "killed",
        "success"
    };

    private static final Map<String, NormalisedState> STATES = EngineDescriptions.EMR_LIVY.states().stream()
            .collect(Collectors.toMap(EngineDescription.RawState::name, EngineDescription.RawState::meaning));

    @Test
    void everyLivyStateIsMapped() {
        assertThat(STATES).containsOnlyKeys(LIVY_STATES);
    }

    @Test
    void onlySuccessSucceedsAndOnlyEndedBatchesAreTerminal() {
        assertThat(STATES)
                .containsEntry("success", NormalisedState.SUCCEEDED)
                .containsEntry("dead", NormalisedState.FAILED)
                .containsEntry("error", NormalisedState.FAILED)
                .containsEntry("killed", NormalisedState.CANCELLED)
                .containsEntry("starting", NormalisedState.PENDING)
                .containsEntry("recovering", NormalisedState.RUNNING)
                .containsEntry("shutting_down", NormalisedState.RUNNING);
        assertThat(STATES.entrySet())
                .filteredOn(entry -> entry.getValue().terminal())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("success", "dead", "error", "killed");
    }
}

package dev.sparkpipeline.aws.livy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Livy's states and their meanings. */
class LivyStateTableTest {

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

    @Test
    void everyLivyStateIsMapped() {
        assertThat(LivyStates.STATES).containsOnlyKeys(LIVY_STATES);
    }

    @Test
    void onlySuccessSucceedsAndOnlyEndedBatchesAreTerminal() {
        assertThat(Map.copyOf(LivyStates.STATES))
                .containsEntry("success", NormalisedState.SUCCEEDED)
                .containsEntry("dead", NormalisedState.FAILED)
                .containsEntry("error", NormalisedState.FAILED)
                .containsEntry("killed", NormalisedState.CANCELLED)
                .containsEntry("starting", NormalisedState.PENDING)
                .containsEntry("recovering", NormalisedState.RUNNING)
                .containsEntry("shutting_down", NormalisedState.RUNNING);
        assertThat(LivyStates.STATES.entrySet())
                .filteredOn(entry -> entry.getValue().terminal())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("success", "dead", "error", "killed");
    }
}

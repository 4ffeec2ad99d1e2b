package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pipeline's engines as they describe themselves. */
class EngineDescriptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PENDING, true", "QUEUED, true", "RUNNING, false", "SUCCEEDED, false"})
    void onlyAJobThatHasNotRunYetIsWaiting(NormalisedState state, boolean waiting) {
        assertThat(state.waiting()).isEqualTo(waiting);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "EMR_SERVERLESS, SUBMITTED, PENDING",
        "EMR_SERVERLESS, PENDING, PENDING",
        "EMR_SERVERLESS, SCHEDULED, PENDING",
        "EMR_SERVERLESS, QUEUED, QUEUED",
        "EMR_SERVERLESS, RUNNING, RUNNING",
        "EMR_SERVERLESS, SUCCESS, SUCCEEDED",
        "EMR_SERVERLESS, FAILED, FAILED",
        "EMR_SERVERLESS, CANCELLING, RUNNING",
        "EMR_SERVERLESS, CANCELLED, CANCELLED",
        "GLUE, STARTING, PENDING",
        "GLUE, WAITING, QUEUED",
        "GLUE, RUNNING, RUNNING",
        "GLUE, STOPPING, RUNNING",
        "GLUE, STOPPED, CANCELLED",
        "GLUE, SUCCEEDED, SUCCEEDED",
        "GLUE, FAILED, FAILED",
        "GLUE, TIMEOUT, FAILED",
        "GLUE, ERROR, FAILED",
        "GLUE, EXPIRED, FAILED",
        "EMR, PENDING, QUEUED",
        "EMR, CANCEL_PENDING, RUNNING",
        "EMR, RUNNING, RUNNING",
        "EMR, COMPLETED, SUCCEEDED",
        "EMR, CANCELLED, CANCELLED",
        "EMR, FAILED, FAILED",
        "EMR, INTERRUPTED, FAILED",
        "EMR_SERVERLESS, SOMETHING_NEW, RUNNING",
        "GLUE, SOMETHING_NEW, RUNNING",
        "EMR, SOMETHING_NEW, RUNNING"
    })
    void mapsEveryDocumentedStateAndTreatsUnknownOnesAsRunning(Engine engine, String raw, NormalisedState expected) {
        assertThat(EngineDescriptions.of(engine).normalise(raw)).isEqualTo(expected);
    }

    @Test
    void theTerminalStatesAreTheOnesMeaningAnEnd() {
        assertThat(EngineDescriptions.GLUE.terminalStates())
                .containsExactlyInAnyOrder("SUCCEEDED", "STOPPED", "FAILED", "TIMEOUT", "ERROR", "EXPIRED");
        assertThat(EngineDescriptions.EMR.terminalStates())
                .doesNotContain("PENDING", "RUNNING", "CANCEL_PENDING")
                .contains("COMPLETED", "CLUSTER_TERMINATED");
    }

    @Test
    void aStandInReportsEachEnginesOwnNameForAnOutcome() {
        assertThat(EngineDescriptions.EMR_SERVERLESS.reportedAs(NormalisedState.SUCCEEDED))
                .isEqualTo("SUCCESS");
        assertThat(EngineDescriptions.GLUE.reportedAs(NormalisedState.CANCELLED))
                .isEqualTo("STOPPED");
        assertThat(EngineDescriptions.EMR.reportedAs(NormalisedState.SUCCEEDED)).isEqualTo("COMPLETED");
        assertThat(EngineDescriptions.EMR.reportedAs(NormalisedState.RUNNING)).isEqualTo("RUNNING");
    }

    @Test
    void everyKnownEngineIsDescribedAndADatasetMayNameAllButTheLocalOne() {
        assertThat(Engine.known())
                .containsExactly(Engine.EMR_SERVERLESS, Engine.GLUE, Engine.EMR, Engine.EMR_LIVY, Engine.LOCAL);
        assertThat(Engine.known("GLUE")).contains(Engine.GLUE);
        assertThat(Engine.known("SPARK_ON_MARS")).isEmpty();
    }

    @Test
    void eachEngineBillsInItsOwnUnitsAtItsOwnPrices() {
        assertThat(EngineDescriptions.GLUE.estimate(java.util.Map.of(CostEstimator.DPU_HOURS, 2.0)))
                .isEqualTo(0.88);
        assertThat(EngineDescriptions.EMR.localBilling().usage(4, 16, 1.0))
                .containsEntry(CostEstimator.NORMALIZED_INSTANCE_HOURS, 8.0);
    }
}

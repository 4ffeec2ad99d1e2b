package dev.sparkpipeline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.contract.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineStateTableTest {

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
        assertThat(EngineStateTable.normalise(engine, raw)).isEqualTo(expected);
    }
}

package dev.sparkpipeline.local.statemachine;

/** The scenarios whose Retry intervals moto waits out in real time: failing integrations, retried errors. */
class MotoInterpreterRetryScenarioTest extends MotoScenarioRuns {

    @Override
    boolean retryScenarios() {
        return true;
    }
}

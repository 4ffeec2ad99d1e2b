package dev.sparkpipeline.local.statemachine;

/** The scenarios that run on moto without waiting out a Retry interval. */
class MotoInterpreterScenarioTest extends MotoScenarioRuns {

    @Override
    boolean retryScenarios() {
        return false;
    }
}

package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.function.FunctionEnvironment;

import dev.sparkpipeline.core.engine.JobEngines;

import java.time.Clock;
import java.util.List;

/** The three cloud engines on their AWS clients: what the submit, track and cancel functions reach. */
public final class AwsJobEngines {

    private AwsJobEngines() {
    }

    /** Engines from the function's environment; clients are built here, once per container. */
    public static JobEngines fromEnvironment(FunctionEnvironment environment) {
        return on(AwsClients.fromEnvironment(environment), EngineSettings.fromEnvironment(environment), Clock.systemUTC());
    }

    /** Engines on these clients (tests, the local runner's endpoint mode). */
    public static JobEngines on(AwsClients clients, EngineSettings settings, Clock clock) {
        return new JobEngines(List.of(
                new EmrServerlessEngine(clients.emrServerless(), settings, clock),
                new GlueEngine(clients.glue(), settings, clock),
                new EmrStepEngine(clients.emr(), settings, clock)));
    }
}

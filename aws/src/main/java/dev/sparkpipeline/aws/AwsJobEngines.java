package dev.sparkpipeline.aws;

import dev.sparkpipeline.aws.livy.LivyEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import java.time.Clock;
import java.util.List;

/** The cloud engines on their AWS clients: what the submit, track and cancel functions reach. */
public final class AwsJobEngines {

    private AwsJobEngines() {}

    /** Engines on these clients ({@link AwsAdapters}, tests). */
    public static JobEngines on(AwsClients clients, EngineSettings settings, Clock clock) {
        return new JobEngines(List.of(
                new EmrServerlessEngine(clients.emrServerless(), settings, clock),
                new GlueEngine(clients.glue(), settings, clock),
                new EmrStepEngine(clients.emr(), settings, clock),
                new LivyEngine(clients.emr(), settings, clock)));
    }
}

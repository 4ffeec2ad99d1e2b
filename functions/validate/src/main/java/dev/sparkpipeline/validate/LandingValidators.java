package dev.sparkpipeline.validate;

import dev.sparkpipeline.core.aws.AwsClients;
import dev.sparkpipeline.core.aws.S3ObjectStore;
import dev.sparkpipeline.core.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;

import java.time.Clock;
import java.util.Map;

/** Builds the validator on its AWS adapters from the function's environment (see template.yaml). */
public final class LandingValidators {

    private LandingValidators() {
    }

    /**
     * @param environment STATE_MACHINE_ARN, QUARANTINE_BUCKET, DELETE_SOURCE_AFTER_QUARANTINE,
     *                    AWS_REGION and optionally AWS_ENDPOINT_URL
     */
    public static LandingValidator onAws(Map<String, String> environment) {
        AwsClients clients = AwsClients.fromEnvironment();
        var store = new S3ObjectStore(clients.s3());
        return new LandingValidator(store,
                new StepFunctionsExecutionStarter(clients.stepFunctions(), required(environment, "STATE_MACHINE_ARN"),
                        Clock.systemUTC()),
                new LandingRules(DatasetCatalog.bundled()),
                new QuarantineWriter(store, required(environment, "QUARANTINE_BUCKET"), "quarantine/",
                        Boolean.parseBoolean(environment.getOrDefault("DELETE_SOURCE_AFTER_QUARANTINE", "false"))),
                EventLog.stdout("validate"),
                Metrics.stdout("validate"));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the function's environment in template.yaml sets it");
        }
        return value;
    }
}

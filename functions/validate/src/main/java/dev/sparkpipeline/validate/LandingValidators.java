package dev.sparkpipeline.validate;

import dev.sparkpipeline.core.aws.AwsClients;
import dev.sparkpipeline.core.aws.FunctionEnvironment;
import dev.sparkpipeline.core.aws.S3ObjectStore;
import dev.sparkpipeline.core.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;

import java.time.Clock;

/** Builds the validator on its AWS adapters from the function's environment (see template.yaml). */
public final class LandingValidators {

    private LandingValidators() {
    }

    /**
     * @param environment STATE_MACHINE_ARN, QUARANTINE_BUCKET, DELETE_SOURCE_AFTER_QUARANTINE,
     *                    AWS_REGION and optionally AWS_ENDPOINT_URL
     */
    public static LandingValidator onAws(FunctionEnvironment environment) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        var store = new S3ObjectStore(clients.s3());
        var starter = new StepFunctionsExecutionStarter(clients.stepFunctions(), environment.required("STATE_MACHINE_ARN"),
                Clock.systemUTC());
        return new LandingValidator(store, starter,
                new LandingRules(DatasetCatalog.bundled()),
                new QuarantineWriter(store, environment.required("QUARANTINE_BUCKET"), "quarantine/",
                        environment.flag("DELETE_SOURCE_AFTER_QUARANTINE")),
                EventLog.stdout("validate"),
                Metrics.stdout("validate"));
    }
}

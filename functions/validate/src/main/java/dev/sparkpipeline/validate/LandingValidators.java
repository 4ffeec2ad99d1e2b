package dev.sparkpipeline.validate;

import dev.sparkpipeline.aws.AwsClients;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.aws.S3ObjectStore;
import dev.sparkpipeline.aws.StepFunctionsExecutionStarter;
import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.observability.EventLog;
import dev.sparkpipeline.core.observability.Metrics;

import java.nio.file.Path;
import java.time.Clock;

/** Builds the validator on its AWS adapters from the function's environment (see template.yaml). */
public final class LandingValidators {

    /**
     * Names a datasets configuration file to read instead of the one bundled into the build. The
     * deployed function never sets it (the deployed configuration is the bundled one); the local
     * runner's endpoint mode sets it to its {@code --config}.
     */
    public static final String DATASETS_CONFIG = "DATASETS_CONFIG";

    private LandingValidators() {
    }

    /**
     * The validator of a function running on AWS, or on an emulator the environment points at.
     *
     * @param environment STATE_MACHINE_ARN, QUARANTINE_BUCKET, DELETE_SOURCE_AFTER_QUARANTINE,
     *                    AWS_REGION and optionally AWS_ENDPOINT_URL and DATASETS_CONFIG
     */
    public static LandingValidator onAws(FunctionEnvironment environment) {
        AwsClients clients = AwsClients.fromEnvironment(environment);
        var store = new S3ObjectStore(clients.s3());
        var starter = new StepFunctionsExecutionStarter(clients.stepFunctions(), environment.required("STATE_MACHINE_ARN"),
                Clock.systemUTC());
        return new LandingValidator(store, starter,
                new LandingRules(environment.optional(DATASETS_CONFIG).map(Path::of).map(DatasetCatalog::read)
                        .orElseGet(DatasetCatalog::bundled)),
                new QuarantineWriter(store, environment.required("QUARANTINE_BUCKET"), LandingValidator.QUARANTINE_PREFIX,
                        environment.flag("DELETE_SOURCE_AFTER_QUARANTINE")),
                EventLog.stdout("validate"),
                Metrics.stdout("validate"));
    }
}

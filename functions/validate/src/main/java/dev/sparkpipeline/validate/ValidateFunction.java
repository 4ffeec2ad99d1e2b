package dev.sparkpipeline.validate;

import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.landing.LandingRules;
import dev.sparkpipeline.core.landing.LandingValidator;
import dev.sparkpipeline.core.landing.QuarantineWriter;
import dev.sparkpipeline.core.storage.ObjectStore;

/**
 * The validate function's one factory (template.yaml's {@code ValidateFunction}): what it is made
 * of, from the variables the template gives it and the adapters it runs on.
 */
public final class ValidateFunction {

    private static final String NAME = "validate";

    private ValidateFunction() {}

    /** The function's validator, wired. */
    public static LandingValidator build(FunctionEnvironment environment, Adapters adapters) {
        ObjectStore store = adapters.objectStore();
        return new LandingValidator(
                store,
                adapters.executionStarter(environment.required(FunctionVariables.STATE_MACHINE_ARN)),
                new LandingRules(FunctionVariables.datasets(environment)),
                new QuarantineWriter(
                        store,
                        environment.required(FunctionVariables.QUARANTINE_BUCKET),
                        LandingValidator.QUARANTINE_PREFIX,
                        environment.flag(FunctionVariables.DELETE_SOURCE_AFTER_QUARANTINE)),
                adapters.intakeQueue(environment.required(FunctionVariables.INTAKE_QUEUE_URL)),
                adapters.eventLog(NAME),
                adapters.metrics(NAME));
    }
}

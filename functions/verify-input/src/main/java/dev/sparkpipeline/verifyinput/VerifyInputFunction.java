package dev.sparkpipeline.verifyinput;

import dev.sparkpipeline.core.execution.InputCheck;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;

/**
 * The verify input function's one factory (template.yaml's {@code VerifyInputFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class VerifyInputFunction {

    private VerifyInputFunction() {}

    /** The function's InputCheck, wired. */
    public static InputCheck build(FunctionEnvironment environment, Adapters adapters) {
        return new InputCheck(
                adapters.objectStore(),
                FunctionVariables.datasets(environment),
                environment.required(FunctionVariables.LANDING_BUCKET),
                environment.required(FunctionVariables.CURATED_BUCKET));
    }
}

package dev.sparkpipeline.cancel;

import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;

/**
 * The cancel job function's one factory (template.yaml's {@code CancelJobFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class CancelJobFunction {

    private CancelJobFunction() {}

    /** The function's JobEngines, wired. */
    public static JobEngines build(FunctionEnvironment environment, Adapters adapters) {
        return adapters.jobEngines();
    }
}

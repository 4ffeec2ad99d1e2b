package dev.sparkpipeline.recordfailure;

import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.outcome.FailureRecorder;

/**
 * The record failure function's one factory (template.yaml's {@code RecordFailureFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class RecordFailureFunction {

    /** The {@code Function} dimension of the metrics it publishes. */
    public static final String NAME = "record-failure";

    private RecordFailureFunction() {}

    /** The function's FailureRecorder, wired. */
    public static FailureRecorder build(FunctionEnvironment environment, Adapters adapters) {
        return new FailureRecorder(
                adapters.objectStore(),
                environment.required(FunctionVariables.QUARANTINE_BUCKET),
                adapters.clock(),
                adapters.metrics(NAME));
    }
}

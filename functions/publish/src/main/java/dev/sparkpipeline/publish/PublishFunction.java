package dev.sparkpipeline.publish;

import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.outcome.Publisher;

/**
 * The publish function's one factory (template.yaml's {@code PublishFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class PublishFunction {

    /** The {@code Function} dimension of the metrics it publishes. */
    public static final String NAME = "publish";

    private PublishFunction() {}

    /** The function's Publisher, wired. */
    public static Publisher build(FunctionEnvironment environment, Adapters adapters) {
        return new Publisher(
                adapters.objectStore(),
                adapters.catalog(environment.required(FunctionVariables.GLUE_DATABASE)),
                environment.required(FunctionVariables.CURATED_BUCKET),
                environment.required(FunctionVariables.QUARANTINE_BUCKET),
                environment.flag(FunctionVariables.DELETE_SOURCE_AFTER_ARCHIVE),
                adapters.clock(),
                adapters.metrics(NAME));
    }
}

package dev.sparkpipeline.batcher;

import dev.sparkpipeline.core.dataset.DatasetCatalog;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.intake.BatchCloser;
import dev.sparkpipeline.core.intake.BatchPlanner;
import dev.sparkpipeline.core.intake.IntakeBatcher;

/**
 * The batcher function's one factory (template.yaml's {@code BatcherFunction}): what it is made
 * of, from the variables the template gives it and the adapters it runs on.
 */
public final class BatcherFunction {

    private static final String NAME = "batcher";

    private BatcherFunction() {}

    /** The function's batcher, wired. */
    public static IntakeBatcher build(FunctionEnvironment environment, Adapters adapters) {
        DatasetCatalog datasets = FunctionVariables.datasets(environment);
        return new IntakeBatcher(
                new BatchPlanner(datasets),
                new BatchCloser(
                        adapters.objectStore(),
                        environment.required(FunctionVariables.CURATED_BUCKET),
                        datasets,
                        adapters.executionStarter(environment.required(FunctionVariables.STATE_MACHINE_ARN))),
                adapters.intakeQueue(environment.required(FunctionVariables.INTAKE_QUEUE_URL)),
                adapters.clock(),
                adapters.eventLog(NAME),
                adapters.metrics(NAME));
    }
}

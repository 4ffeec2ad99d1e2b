package dev.sparkpipeline.reconcile;

import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.outcome.FailureRecorder;
import dev.sparkpipeline.core.outcome.Reconciler;

/**
 * The reconcile function's one factory (template.yaml's {@code ReconcileFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class ReconcileFunction {

    /** The {@code Function} dimension of the metrics it publishes. */
    public static final String NAME = "reconcile";

    private ReconcileFunction() {}

    /** The function's Reconciler, wired. */
    public static Reconciler build(FunctionEnvironment environment, Adapters adapters) {
        return new Reconciler(
                adapters.jobEngines(),
                adapters.clusters(environment.required(FunctionVariables.STACK_NAME)),
                new FailureRecorder(
                        adapters.objectStore(),
                        environment.required(FunctionVariables.QUARANTINE_BUCKET),
                        adapters.clock(),
                        adapters.metrics(NAME)));
    }
}

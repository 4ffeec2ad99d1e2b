package dev.sparkpipeline.replay;

import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.outcome.FailureReplayer;
import java.util.List;

/**
 * The replay function's one factory (template.yaml's {@code ReplayFunction}): what it is made of,
 * from the variables the template gives it and the adapters it runs on.
 */
public final class ReplayFunction {

    private ReplayFunction() {}

    /** The function's FailureReplayer, wired; the intake dead-letter queue goes back to the intake queue. */
    public static FailureReplayer build(FunctionEnvironment environment, Adapters adapters) {
        String deadLetters = environment.required(FunctionVariables.INTAKE_DEAD_LETTER_QUEUE_URL);
        return new FailureReplayer(
                adapters.objectStore(),
                environment.required(FunctionVariables.QUARANTINE_BUCKET),
                FunctionVariables.datasets(environment),
                adapters.executionStarter(environment.required(FunctionVariables.STATE_MACHINE_ARN)),
                List.of(new FailureReplayer.Redrive(
                        deadLetters,
                        adapters.deadLetterQueue(deadLetters),
                        environment.required(FunctionVariables.INTAKE_QUEUE_URL))),
                adapters.clock());
    }
}

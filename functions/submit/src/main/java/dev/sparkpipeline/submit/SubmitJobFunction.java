package dev.sparkpipeline.submit;

import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobSubmitter;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The submit job function's one factory (template.yaml's {@code SubmitJobFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class SubmitJobFunction {

    private SubmitJobFunction() {}

    /** The function's JobSubmitter, wired: its engines, and the queue's deadline from QUEUE_TIMEOUT_MINUTES. */
    public static JobSubmitter build(FunctionEnvironment environment, Adapters adapters) {
        return submitter(adapters.jobEngines(), FunctionVariables.queuePolicy(environment), adapters.clock());
    }

    /** A submitter to these engines, its first polls and capacity waits jittered (runs submitted together drift apart). */
    public static JobSubmitter submitter(JobEngines engines, QueuePolicy queue, Clock clock) {
        return new JobSubmitter(
                engines, new PollSchedule(() -> ThreadLocalRandom.current().nextDouble()), queue, clock);
    }
}

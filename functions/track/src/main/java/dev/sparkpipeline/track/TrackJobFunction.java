package dev.sparkpipeline.track;

import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.function.Adapters;
import dev.sparkpipeline.core.function.FunctionEnvironment;
import dev.sparkpipeline.core.function.FunctionVariables;
import dev.sparkpipeline.core.observability.Metrics;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The track job function's one factory (template.yaml's {@code TrackJobFunction}): what it is made of, from the
 * variables the template gives it and the adapters it runs on.
 */
public final class TrackJobFunction {

    /** The {@code Function} dimension of the metrics it publishes (the template's alarms name it). */
    public static final String NAME = "track";

    private TrackJobFunction() {}

    /** The function's JobTracker, wired: its engines, and the queue's deadline from QUEUE_TIMEOUT_MINUTES. */
    public static JobTracker build(FunctionEnvironment environment, Adapters adapters) {
        return tracker(
                adapters.jobEngines(),
                FunctionVariables.queuePolicy(environment),
                adapters.clock(),
                adapters.metrics(NAME));
    }

    /** A tracker of these engines with the default queue deadline. */
    public static JobTracker tracker(JobEngines engines, Clock clock, Metrics metrics) {
        return tracker(
                engines,
                new QueuePolicy(
                        QueuePolicy.DEFAULT_TIMEOUT_MINUTES,
                        () -> ThreadLocalRandom.current().nextDouble()),
                clock,
                metrics);
    }

    /** A tracker of these engines, its polls jittered (so runs submitted together do not poll together). */
    public static JobTracker tracker(JobEngines engines, QueuePolicy queue, Clock clock, Metrics metrics) {
        return new JobTracker(
                engines, new PollSchedule(() -> ThreadLocalRandom.current().nextDouble()), queue, clock, metrics);
    }
}

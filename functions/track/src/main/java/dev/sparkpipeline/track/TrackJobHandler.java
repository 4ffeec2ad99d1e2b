package dev.sparkpipeline.track;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.aws.AwsJobEngines;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.engine.PollSchedule;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/** Polls a job once: its normalised state, the engine's failure reason, and when to poll again. */
public final class TrackJobHandler implements RequestHandler<JobRun, JobRun> {

    private final JobTracker tracker;

    /** Used by the Lambda runtime: engine clients are built once per container. */
    public TrackJobHandler() {
        this(AwsJobEngines.fromEnvironment(System.getenv()), Clock.systemUTC());
    }

    /** Used by tests and the local runner, which pass their own engines and clock. */
    public TrackJobHandler(JobEngines engines, Clock clock) {
        this.tracker = new JobTracker(engines, new PollSchedule(() -> ThreadLocalRandom.current().nextDouble()), clock);
    }

    @Override
    public JobRun handleRequest(JobRun previous, Context context) {
        return tracker.track(previous.handle());
    }
}

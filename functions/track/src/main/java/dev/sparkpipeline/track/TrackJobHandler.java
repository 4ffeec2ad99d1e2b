package dev.sparkpipeline.track;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.core.aws.AwsJobEngines;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.engine.PollSchedule;
import dev.sparkpipeline.core.json.ContractJson;
import dev.sparkpipeline.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Polls a job once: its normalised state, the engine's failure reason, links, cost, and when to
 * poll again. Event and answer: the job run ({@code {"handle", "status"}}) at {@code $.run}.
 */
public final class TrackJobHandler implements RequestStreamHandler {

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
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        var previous = ContractJson.jobRun(JsonObject.parse(input.readAllBytes()));
        output.write(JsonObject.write(ContractJson.write(tracker.track(previous.handle()))));
    }
}

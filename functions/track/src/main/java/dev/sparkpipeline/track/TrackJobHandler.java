package dev.sparkpipeline.track;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.EmrServerlessEngine;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.engine.JobTracker;
import dev.sparkpipeline.core.error.JobStillRunning;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Polls a job once: its normalised state, the engine's failure reason, links, cost, and when to
 * poll again. Event and answer: the job run ({@code {"handle", "status"}}) at {@code $.run}.
 *
 * The event's {@code status} (the last answer's) tells the tracker when the job began running, and
 * its {@code dataset}, when given, names the poll's metrics (published before any answer or error).
 *
 * <p>With {@code "watch": true} (the state machine's watch of a long job) a job that is still
 * waiting or running as it was, within its deadline, is answered with {@link JobStillRunning},
 * which the state's Retry waits on; an ended or timed-out job, or one that has begun running since
 * the last answer (after a long wait it is young again, and polled as one), is answered as usual.
 */
public final class TrackJobHandler implements RequestStreamHandler {

    private final JobTracker tracker;

    /** The Lambda runtime's: wired once per container by {@link TrackJobFunction}, on AWS. */
    public TrackJobHandler() {
        this(AwsAdapters.wire(TrackJobFunction::build));
        registerPriming();
    }

    /** On its tracker (tests: {@link TrackJobFunction#tracker}). */
    public TrackJobHandler(JobTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * The SnapStart warm-ups: a poll of a job that does not exist, over the network (the HTTP
     * stack and the error path), then, on canned answers, polls of a job that runs and of one that
     * succeeded.
     *
     * @return the last warm-up registered
     */
    SnapStartPriming registerPriming() {
        SnapStartPriming.register(() -> handleRequest(
                new ByteArrayInputStream(primingEvent("snapstart-priming-none")),
                OutputStream.nullOutputStream(),
                null));
        SnapStartPriming.register(
                () -> EmrServerlessEngine.cannedAnswers("RUNNING"),
                () -> handleRequest(
                        new ByteArrayInputStream(primingEvent("snapstart-priming")),
                        OutputStream.nullOutputStream(),
                        null));
        return SnapStartPriming.register(
                () -> EmrServerlessEngine.cannedAnswers("SUCCESS"),
                () -> handleRequest(
                        new ByteArrayInputStream(primingEvent("snapstart-priming")),
                        OutputStream.nullOutputStream(),
                        null));
    }

    /** A poll of job {@code jobId}, submitted a minute ago: a warm-up's event. */
    private static byte[] primingEvent(String jobId) {
        long now = Instant.now().getEpochSecond();
        return """
                {"handle": {"engine": "EMR_SERVERLESS", "jobId": "%s", "containerId": "snapstart-priming",
                 "runId": "snapstart-priming", "submittedAt": %d, "deadlineAt": %d}}""".formatted(jobId, now - 60, now + 3600).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = JsonObject.parse(input.readAllBytes());
        JobRun previous = JobRunJson.read(event);
        // The dataset names the poll's metrics; a poll without one (an older state machine) still tracks.
        JobRun run = tracker.track(previous.handle(), previous.status(), event.optionalString("dataset"));
        JobStatus status = run.status();
        boolean beganRunning =
                previous.status() != null && previous.status().runningSince() == null && status.runningSince() != null;
        if (event.bool("watch", false) && !status.terminal() && !status.timedOut() && !beganRunning) {
            throw new JobStillRunning(run.handle().engine() + " job "
                    + run.handle().jobId() + " is " + status.rawState() + " after " + status.elapsedSeconds() + " s");
        }
        output.write(JobRunJson.write(run));
    }
}

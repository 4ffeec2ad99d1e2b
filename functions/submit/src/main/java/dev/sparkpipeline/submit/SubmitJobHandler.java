package dev.sparkpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.aws.EmrServerlessEngine;
import dev.sparkpipeline.aws.priming.SnapStartPriming;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import dev.sparkpipeline.core.engine.JobSubmitter;
import dev.sparkpipeline.core.engine.QueuePolicy;
import dev.sparkpipeline.core.json.ExecutionInputJson;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Starts the curate job on the execution's engine; a retried call finds the job it started.
 * Event: {@code {"executionName", "input": <execution input>, "clusterId", "startedAt"}}; answer:
 * the job run ({@code {"handle", "status"}}) the state machine keeps at {@code $.run}, or, when the
 * engine refuses the job for capacity, {@code {"handle": null, "status"}} with the wait before the
 * next submission (or the queue's deadline passed).
 */
public final class SubmitJobHandler implements RequestStreamHandler {

    /** A submission of a landed orders file: the warm-up before a SnapStart snapshot. */
    private static final byte[] PRIMING_EVENT = """
            {"executionName": "snapstart-priming", "input": {"dataset": "orders",
             "source": {"bucket": "snapstart-priming", "key": "orders/2026/01/01/snapstart-priming.csv", "size": 60},
             "engine": "EMR_SERVERLESS", "job": {"timeoutMinutes": 60, "arguments": {}}}}""".getBytes(StandardCharsets.UTF_8);

    private final JobSubmitter submitter;

    /** The Lambda runtime's: wired once per container by {@link SubmitJobFunction}, on AWS. */
    public SubmitJobHandler() {
        this(AwsAdapters.wire(SubmitJobFunction::build));
        registerPriming();
    }

    /** On its submitter (the factory's, and the local runner's). */
    public SubmitJobHandler(JobSubmitter submitter) {
        this.submitter = submitter;
    }

    /** Used by tests, which pass their own engines: the default queue deadline, the system clock. */
    public SubmitJobHandler(JobEngines engines) {
        this(SubmitJobFunction.submitter(
                engines,
                new QueuePolicy(
                        QueuePolicy.DEFAULT_TIMEOUT_MINUTES,
                        () -> ThreadLocalRandom.current().nextDouble()),
                Clock.systemUTC()));
    }

    /**
     * The SnapStart warm-ups: a look at a job that does not exist on the default engine, over the
     * network (the HTTP stack and the error path), then the success path on canned answers, which
     * submits nothing.
     *
     * @return the last warm-up registered
     */
    SnapStartPriming registerPriming() {
        SnapStartPriming.register(() -> submitter
                .engines()
                .get(Engine.EMR_SERVERLESS)
                .observe(JobHandle.of(
                        Engine.EMR_SERVERLESS, "snapstart-priming", "snapstart-priming", "snapstart-priming", 0, 1)));
        return SnapStartPriming.register(
                () -> EmrServerlessEngine.cannedAnswers("SUBMITTED"),
                () -> handleRequest(new ByteArrayInputStream(PRIMING_EVENT), OutputStream.nullOutputStream(), null));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject event = JsonObject.parse(input.readAllBytes());
        var request = new JobRequest(
                event.string("executionName"),
                ExecutionInputJson.read(event.object("input")),
                event.optionalString("clusterId"),
                event.optionalInstant("startedAt"));
        output.write(JobRunJson.write(submitter.submit(request)));
    }
}

package dev.sparkpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.aws.AwsJobEngines;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobSubmitter;
import dev.sparkpipeline.core.engine.PollSchedule;

import java.util.concurrent.ThreadLocalRandom;

/** Starts the curate job on the execution's engine; a retried call finds the job it started. */
public final class SubmitJobHandler implements RequestHandler<SubmitRequest, JobRun> {

    private final JobSubmitter submitter;

    /** Used by the Lambda runtime: engine clients are built once per container. */
    public SubmitJobHandler() {
        this(AwsJobEngines.fromEnvironment(System.getenv()));
    }

    /** Used by tests and the local runner, which pass their own engines. */
    public SubmitJobHandler(JobEngines engines) {
        this(new JobSubmitter(engines, new PollSchedule(() -> ThreadLocalRandom.current().nextDouble())));
    }

    private SubmitJobHandler(JobSubmitter submitter) {
        this.submitter = submitter;
    }

    @Override
    public JobRun handleRequest(SubmitRequest request, Context context) {
        return submitter.submit(request.toJobRequest());
    }
}

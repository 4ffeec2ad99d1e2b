package dev.sparkpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.aws.AwsJobEngines;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;

/** Stops a job the state machine gives up on; a job already ended is left as it is. */
public final class CancelJobHandler implements RequestHandler<JobHandleRequest, JobHandle> {

    private final JobEngines engines;

    /** Used by the Lambda runtime: engine clients are built once per container. */
    public CancelJobHandler() {
        this(AwsJobEngines.fromEnvironment(System.getenv()));
    }

    /** Used by tests and the local runner, which pass their own engines. */
    public CancelJobHandler(JobEngines engines) {
        this.engines = engines;
    }

    @Override
    public JobHandle handleRequest(JobHandleRequest request, Context context) {
        engines.get(request.handle().engine()).cancel(request.handle());
        return request.handle();
    }
}

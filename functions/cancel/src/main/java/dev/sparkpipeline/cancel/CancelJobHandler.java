package dev.sparkpipeline.cancel;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.aws.AwsAdapters;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.json.JobRunJson;
import dev.sparkpipeline.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Stops a job the state machine gives up on; a job already ended is left as it is.
 * Event: {@code {"handle"}}; answer: {@code {"handle", "cancelled": true}}.
 */
public final class CancelJobHandler implements RequestStreamHandler {

    private final JobEngines engines;

    /** The Lambda runtime's: wired once per container by {@link CancelJobFunction}, on AWS. */
    public CancelJobHandler() {
        this(AwsAdapters.wire(CancelJobFunction::build));
    }

    /** Used by tests and the local runner, which pass their own engines. */
    public CancelJobHandler(JobEngines engines) {
        this.engines = engines;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JobHandle handle =
                JobRunJson.readHandle(JsonObject.parse(input.readAllBytes()).object("handle"));
        engines.get(handle.engine()).cancel(handle);
        output.write(JsonObject.write(Map.of("handle", JobRunJson.fields(handle), "cancelled", true)));
    }
}

package dev.sparkpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sparkpipeline.core.aws.AwsClients;
import dev.sparkpipeline.core.aws.ClusterReaper;
import dev.sparkpipeline.core.aws.FunctionEnvironment;
import dev.sparkpipeline.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The backstop for executions that ended without running their Catch (aborted, timed out, or
 * failed outside a state): on the EventBridge "Step Functions Execution Status Change" event,
 * terminates every live EMR cluster tagged with the execution's name.
 */
public final class ReapClustersHandler implements RequestStreamHandler {

    private final ClusterReaper reaper;

    /** Used by the Lambda runtime: the EMR client is built once per container. */
    public ReapClustersHandler() {
        this(FunctionEnvironment.ofProcess());
    }

    /** The AWS wiring from a function environment (the process's, or the local runner's endpoint mode). */
    public ReapClustersHandler(FunctionEnvironment environment) {
        this(new ClusterReaper(AwsClients.fromEnvironment(environment).emr()));
    }

    /** Used by tests and the local runner. */
    public ReapClustersHandler(ClusterReaper reaper) {
        this.reaper = reaper;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonObject detail = JsonObject.parse(input.readAllBytes()).object("detail");
        String execution = detail.string("name");
        output.write(JsonObject.write(Map.of("execution", execution, "status", detail.string("status"),
                "terminatedClusters", reaper.reap(execution))));
    }
}

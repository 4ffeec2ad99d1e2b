package dev.sparkpipeline.submit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.error.InvalidJobConfig;

import java.util.Map;

/**
 * The backstop for executions that ended without running their Catch (aborted, timed out):
 * terminates every EMR cluster tagged with the execution, on its status-change event.
 */
public final class ReapClustersHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // Cluster reaping arrives with the state machine work (issue 5).
        throw new InvalidJobConfig("cluster reaping is not implemented in this build");
    }
}

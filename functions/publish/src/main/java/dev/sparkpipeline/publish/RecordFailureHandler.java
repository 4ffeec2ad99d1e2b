package dev.sparkpipeline.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.error.InvalidJobConfig;

import java.util.Map;

/** After a failed execution: copies the source to the failed location with a reason document. */
public final class RecordFailureHandler implements RequestHandler<OutcomeRequest, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(OutcomeRequest request, Context context) {
        // The failure record arrives with the state machine work (issue 5).
        throw new InvalidJobConfig("failure recording is not implemented in this build");
    }
}

package dev.sparkpipeline.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.error.InvalidJobConfig;

import java.util.Map;

/** After a successful job: registers the curated partitions and archives the source. */
public final class PublishHandler implements RequestHandler<OutcomeRequest, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(OutcomeRequest request, Context context) {
        // The catalog and archive steps arrive with the Spark job and publishing work (issue 6).
        throw new InvalidJobConfig("publishing is not implemented in this build");
    }
}

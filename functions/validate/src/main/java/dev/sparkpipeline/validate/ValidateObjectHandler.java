package dev.sparkpipeline.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.sparkpipeline.core.error.InvalidInput;

import java.util.Map;

/** Starts the pipeline for every object that lands in the landing bucket, or quarantines it. */
public final class ValidateObjectHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // Validation arrives with the validation work (issue 3).
        throw new InvalidInput("validation is not implemented in this build");
    }
}

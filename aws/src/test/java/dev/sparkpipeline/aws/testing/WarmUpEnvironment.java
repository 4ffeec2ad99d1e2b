package dev.sparkpipeline.aws.testing;

import dev.sparkpipeline.core.function.FunctionEnvironment;
import java.util.HashMap;
import java.util.Map;

/**
 * A function environment whose AWS endpoint nothing listens on (the discard port): a SnapStart
 * warm-up on canned answers must finish without it, since any call that reached the network
 * would fail.
 */
public final class WarmUpEnvironment {

    private WarmUpEnvironment() {}

    /** The engine functions' variables (submit, track, cancel), unreachable. */
    public static FunctionEnvironment engines() {
        return unreachable(Map.of(
                "SERVERLESS_APPLICATION_ID", "warm-up",
                "GLUE_JOB_NAME", "warm-up",
                "JOB_EXECUTION_ROLE_ARN", "arn:aws:iam::000000000000:role/warm-up",
                "ARTIFACTS_BUCKET", "warm-up",
                "CURATED_BUCKET", "warm-up",
                "GLUE_DATABASE", "warm_up"));
    }

    /** A function's own variables, with a region, keys and an endpoint nothing listens on. */
    public static FunctionEnvironment unreachable(Map<String, String> function) {
        Map<String, String> variables = new HashMap<>(function);
        variables.put("AWS_REGION", "us-east-1");
        variables.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        variables.put("AWS_ACCESS_KEY_ID", "warm-up");
        variables.put("AWS_SECRET_ACCESS_KEY", "warm-up");
        return new FunctionEnvironment(variables);
    }
}

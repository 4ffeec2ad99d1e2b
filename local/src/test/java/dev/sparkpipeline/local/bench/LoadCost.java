package dev.sparkpipeline.local.bench;

import java.util.Map;

/**
 * What a load run cost, in USD at on-demand us-east-1 list prices: Lambda requests (0.20 per
 * million) and compute (0.0000166667 per GB-second, x86, each invocation's modelled duration at
 * its function's memory), Step Functions Standard state transitions (0.025 per 1,000), and the
 * engine's jobs as {@code CostEstimator} prices their billed usage. S3 and SQS requests, the
 * EventBridge events and CloudWatch are left out.
 *
 * @param lambdaRequests Lambda requests
 * @param lambdaCompute  Lambda GB-seconds
 * @param transitions    state transitions
 * @param engine         the engine's jobs
 */
record LoadCost(double lambdaRequests, double lambdaCompute, double transitions, double engine) {

    static final double USD_PER_LAMBDA_REQUEST = 0.20 / 1_000_000;
    static final double USD_PER_GB_SECOND = 0.0000166667;
    static final double USD_PER_TRANSITION = 0.025 / 1_000;

    /**
     * @param uses        each function's invocations, by logical id
     * @param memoryMb    each function's memory, by logical id
     * @param transitions every execution's state transitions
     * @param engineUsd   what the jobs billed
     */
    static LoadCost of(
            Map<String, RequestMeter.FunctionUse> uses,
            Map<String, Integer> memoryMb,
            long transitions,
            double engineUsd) {
        double requests = 0;
        double compute = 0;
        for (var use : uses.entrySet()) {
            requests += use.getValue().invocations() * USD_PER_LAMBDA_REQUEST;
            double gb = memoryMb.get(use.getKey()) / 1024.0;
            compute += use.getValue().billedMillis() / 1000.0 * gb * USD_PER_GB_SECOND;
        }
        return new LoadCost(requests, compute, transitions * USD_PER_TRANSITION, engineUsd);
    }

    double total() {
        return lambdaRequests + lambdaCompute + transitions + engine;
    }
}

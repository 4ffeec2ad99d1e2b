package dev.sparkpipeline.core.engine;

import java.util.Map;

/**
 * Estimated cost of a job from its resource usage, at on-demand list prices in us-east-1
 * (checked 2026-11; see docs/architecture.md, "Cost"). An estimate for comparing runs, not a bill.
 */
public final class CostEstimator {

    /** EMR Serverless vCPU-hours (x86). */
    public static final String VCPU_HOURS = "vCPU-hours";
    /** EMR Serverless memory GB-hours. */
    public static final String GB_HOURS = "GB-hours";
    /** EMR Serverless ephemeral storage GB-hours beyond the free 20 GB per worker. */
    public static final String STORAGE_GB_HOURS = "storage-GB-hours";
    /** Glue DPU-hours (standard execution class). */
    public static final String DPU_HOURS = "DPU-hours";
    /** Glue DPU-hours in the FLEX execution class. */
    public static final String FLEX_DPU_HOURS = "flex-DPU-hours";
    /** EMR normalized instance hours (an xlarge instance-hour is 8). */
    public static final String NORMALIZED_INSTANCE_HOURS = "normalized-instance-hours";

    private static final Map<String, Double> USD_PER_UNIT = Map.of(
            VCPU_HOURS, 0.052624,
            GB_HOURS, 0.0057785,
            STORAGE_GB_HOURS, 0.000111,
            DPU_HOURS, 0.44,
            FLEX_DPU_HOURS, 0.29,
            // m5.xlarge: EC2 0.192 + EMR 0.048 USD per hour, normalization factor 8.
            NORMALIZED_INSTANCE_HOURS, 0.030);

    private CostEstimator() {}

    /** The estimate in USD, or null when there is no usage to price. */
    public static Double estimate(Map<String, Double> usage) {
        if (usage.isEmpty()) {
            return null;
        }
        double total = 0;
        for (var entry : usage.entrySet()) {
            total += entry.getValue() * USD_PER_UNIT.getOrDefault(entry.getKey(), 0.0);
        }
        return Math.round(total * 1_000_000) / 1_000_000.0;
    }
}

package dev.sparkpipeline.local.spark;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.CostEstimator;
import java.util.Map;

/**
 * What a local job used, in the units of the engine it stands for, so an offline run's cost
 * estimate has a basis: the job's cores ({@code local[*]}: every processor) and heap for its wall
 * time. It prices this machine's job at the cloud engine's rates, not what the cloud would run.
 *
 * @param cores    the cores the local job may use
 * @param memoryGb its heap, in GB
 */
record LocalUsage(int cores, double memoryGb) {

    /** A local job's resources: {@code local[*]} and {@link LocalSparkJob#HEAP_GB}. */
    static LocalUsage ofThisMachine() {
        return new LocalUsage(Runtime.getRuntime().availableProcessors(), LocalSparkJob.HEAP_GB);
    }

    /** The engines bill a run at least a minute (EMR Serverless per worker, Glue 5.0, EMR per instance). */
    static final int MINIMUM_BILLED_SECONDS = 60;

    /** The usage of {@code seconds} of the job, by {@code engine}'s billing units: at least the billed minute. */
    Map<String, Double> of(Engine engine, long seconds) {
        double hours = Math.max(MINIMUM_BILLED_SECONDS, seconds) / 3600.0;
        return switch (engine) {
            case EMR_SERVERLESS, LOCAL ->
                Map.of(CostEstimator.VCPU_HOURS, cores * hours, CostEstimator.GB_HOURS, memoryGb * hours);
            // A DPU is 4 vCPU and 16 GB.
            case GLUE -> Map.of(CostEstimator.DPU_HOURS, Math.max(cores / 4.0, memoryGb / 16.0) * hours);
            // An xlarge instance (4 vCPU) is 8 normalized units an hour.
            case EMR -> Map.of(CostEstimator.NORMALIZED_INSTANCE_HOURS, 8 * (cores / 4.0) * hours);
        };
    }
}

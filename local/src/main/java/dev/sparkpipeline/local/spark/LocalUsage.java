package dev.sparkpipeline.local.spark;

import dev.sparkpipeline.core.engine.EngineDescription;
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

    /** The usage of {@code seconds} of the job, in {@code engine}'s billing units: at least the billed minute. */
    Map<String, Double> of(EngineDescription engine, long seconds) {
        double hours = Math.max(MINIMUM_BILLED_SECONDS, seconds) / 3600.0;
        return engine.localBilling().usage(cores, memoryGb, hours);
    }
}

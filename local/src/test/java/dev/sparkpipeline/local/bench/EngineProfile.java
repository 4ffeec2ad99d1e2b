package dev.sparkpipeline.local.bench;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.engine.CostEstimator;
import java.time.Duration;
import java.util.Map;

/**
 * How an engine takes jobs in a load run: how many run at once, how long one takes to start, what
 * happens to a job past capacity (it waits, or StartJobRun refuses it), the engine's raw state
 * names, and what a running job bills an hour in {@link CostEstimator}'s units.
 *
 * @param engine        the engine
 * @param capacity      jobs running (or starting) at once
 * @param start         from a free slot to the job running
 * @param queues        true: a job past capacity waits; false: StartJobRun answers ConcurrentRunsExceeded
 * @param queueTimeout  how long a waiting job may wait before the engine fails it, or null for no limit
 * @param states        the engine's raw state names
 * @param usagePerHour  what one running job bills an hour, by {@link CostEstimator} unit
 * @param minimumBilled the least running time a job is billed
 * @param basis         where the figures come from, for the report
 */
record EngineProfile(
        Engine engine,
        int capacity,
        Duration start,
        boolean queues,
        Duration queueTimeout,
        RawStates states,
        Map<String, Double> usagePerHour,
        Duration minimumBilled,
        String basis) {

    /**
     * The raw states a job passes through.
     *
     * @param waiting   waiting for a slot
     * @param starting  given a slot, not yet running
     * @param running   running
     * @param succeeded ended well
     * @param cancelled stopped by CancelJobRun / BatchStopJobRun
     * @param failed    failed (a queue timeout)
     */
    record RawStates(
            String waiting, String starting, String running, String succeeded, String cancelled, String failed) {}

    /** vCPU of one default-sized job: half of the default 32 vCPU application, so two run at once (assumed). */
    static final int SERVERLESS_JOB_VCPU = 16;
    /** Memory of one default-sized job: half of the default 128 GB. */
    static final int SERVERLESS_JOB_GB = 64;
    /** From a free slot to RUNNING on EMR Serverless without pre-initialized capacity: assumed. */
    static final Duration SERVERLESS_START = Duration.ofSeconds(90);
    /** From StartJobRun to RUNNING on Glue 5.0: assumed. */
    static final Duration GLUE_START = Duration.ofSeconds(45);

    /**
     * EMR Serverless as the template configures it. Capacity is the application's maximum vCPU
     * ({@code ServerlessMaxCpu}) over a default-sized job's; a job past it waits for workers
     * (SCHEDULED; QUEUED, with a queue timeout, once the application has a
     * {@code SchedulerConfiguration}: EMR Serverless user guide, "Job run states").
     */
    static EngineProfile emrServerless(StackSettings stack) {
        int vcpu = Integer.parseInt(stack.property("ServerlessApplication", "MaximumCapacity", "Cpu")
                .orElseThrow()
                .replaceAll("[^0-9]", ""));
        int capacity = Math.max(1, vcpu / SERVERLESS_JOB_VCPU);
        var concurrent = stack.property("ServerlessApplication", "SchedulerConfiguration", "MaxConcurrentRuns");
        var queueMinutes = stack.property("ServerlessApplication", "SchedulerConfiguration", "QueueTimeoutMinutes");
        boolean scheduler = concurrent.isPresent() || queueMinutes.isPresent();
        if (concurrent.isPresent()) {
            capacity = Math.min(capacity, Integer.parseInt(concurrent.get()));
        }
        return new EngineProfile(
                Engine.EMR_SERVERLESS,
                capacity,
                SERVERLESS_START,
                true,
                // With a scheduler configuration and no timeout given, EMR Serverless keeps a job queued 360 minutes.
                scheduler
                        ? Duration.ofMinutes(queueMinutes.map(Integer::parseInt).orElse(360))
                        : null,
                new RawStates(
                        scheduler ? "QUEUED" : "SCHEDULED", "SCHEDULED", "RUNNING", "SUCCESS", "CANCELLED", "FAILED"),
                Map.of(CostEstimator.VCPU_HOURS, (double) SERVERLESS_JOB_VCPU, CostEstimator.GB_HOURS, (double)
                        SERVERLESS_JOB_GB),
                Duration.ofMinutes(1),
                capacity + " concurrent jobs (" + vcpu + " vCPU / " + SERVERLESS_JOB_VCPU + " vCPU a job), "
                        + SERVERLESS_START.toSeconds() + " s to start, "
                        + (scheduler ? "QUEUED past capacity" : "waiting past capacity, deadline from submission"));
    }

    /**
     * Glue as the template configures it: {@code MaxConcurrentRuns} runs at once; past it
     * StartJobRun fails ("An error is returned when this threshold is reached": Glue API,
     * ExecutionProperty) unless the job has {@code JobRunQueuingEnabled}, when the run WAITs. A
     * run bills its workers' DPUs (G.1X: 1 DPU) with a one-minute minimum.
     */
    static EngineProfile glue(StackSettings stack) {
        int capacity = stack.number("CurateGlueJob", "ExecutionProperty", "MaxConcurrentRuns");
        boolean queues = stack.property("CurateGlueJob", "JobRunQueuingEnabled")
                .map(Boolean::parseBoolean)
                .orElse(false);
        int workers = stack.number("CurateGlueJob", "NumberOfWorkers");
        String type = stack.property("CurateGlueJob", "WorkerType").orElse("G.1X");
        double dpuPerWorker = Double.parseDouble(type.replaceAll("[^0-9]", ""));
        return new EngineProfile(
                Engine.GLUE,
                capacity,
                GLUE_START,
                queues,
                null,
                new RawStates("WAITING", "STARTING", "RUNNING", "SUCCEEDED", "STOPPED", "FAILED"),
                Map.of(CostEstimator.DPU_HOURS, workers * dpuPerWorker),
                Duration.ofMinutes(1),
                capacity + " concurrent runs (MaxConcurrentRuns), " + GLUE_START.toSeconds() + " s to start, "
                        + (queues ? "WAITING past capacity" : "ConcurrentRunsExceeded past capacity") + ", "
                        + workers + " x " + type);
    }

    /** The profile of {@code engine}. */
    static EngineProfile of(Engine engine, StackSettings stack) {
        if (engine.equals(Engine.EMR_SERVERLESS)) {
            return emrServerless(stack);
        }
        if (engine.equals(Engine.GLUE)) {
            return glue(stack);
        }
        throw new IllegalArgumentException("the load run models EMR Serverless and Glue, not " + engine);
    }
}

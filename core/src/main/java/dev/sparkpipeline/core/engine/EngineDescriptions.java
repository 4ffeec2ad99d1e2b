package dev.sparkpipeline.core.engine;

import static dev.sparkpipeline.core.engine.EngineDescription.state;
import static dev.sparkpipeline.core.engine.NormalisedState.CANCELLED;
import static dev.sparkpipeline.core.engine.NormalisedState.FAILED;
import static dev.sparkpipeline.core.engine.NormalisedState.PENDING;
import static dev.sparkpipeline.core.engine.NormalisedState.QUEUED;
import static dev.sparkpipeline.core.engine.NormalisedState.RUNNING;
import static dev.sparkpipeline.core.engine.NormalisedState.SUCCEEDED;

import dev.sparkpipeline.core.contract.Engine;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's engines, each described once (prices: on-demand list prices in us-east-1,
 * checked 2026-11; see docs/architecture.md, "Cost").
 */
public final class EngineDescriptions {

    /**
     * EMR Serverless JobRunState (User Guide, "Job run states"): QUEUED waits for the application's
     * concurrency (SchedulerConfiguration.MaxConcurrentRuns); SUBMITTED, PENDING and SCHEDULED are
     * the scheduler at work. Billed per vCPU-hour, GB-hour and ephemeral storage beyond the free
     * 20 GB per worker (x86).
     */
    public static final EngineDescription EMR_SERVERLESS = new EngineDescription(
            Engine.EMR_SERVERLESS,
            List.of(
                    state("SUBMITTED", PENDING),
                    state("PENDING", PENDING),
                    state("SCHEDULED", PENDING),
                    state("QUEUED", QUEUED),
                    state("RUNNING", RUNNING),
                    state("CANCELLING", RUNNING),
                    state("SUCCESS", SUCCEEDED),
                    state("FAILED", FAILED),
                    state("CANCELLED", CANCELLED)),
            PollSchedule.MIN_SECONDS,
            Map.of(
                    CostEstimator.VCPU_HOURS, 0.052624,
                    CostEstimator.GB_HOURS, 0.0057785,
                    CostEstimator.STORAGE_GB_HOURS, 0.000111),
            EngineDescriptions::workerHours,
            false);

    /**
     * Glue JobRunState (Developer Guide, "Job run statuses"). WAITING is job run queuing (the job's
     * JobRunQueuingEnabled): a run past MaxConcurrentRuns or the account's quotas waits instead of
     * failing. STOPPED is a stop, not a success. Billed per DPU-hour (4 vCPU, 16 GB), FLEX cheaper.
     */
    public static final EngineDescription GLUE = new EngineDescription(
            Engine.GLUE,
            List.of(
                    state("STARTING", PENDING),
                    state("WAITING", QUEUED),
                    state("RUNNING", RUNNING),
                    state("STOPPING", RUNNING),
                    state("SUCCEEDED", SUCCEEDED),
                    state("STOPPED", CANCELLED),
                    state("FAILED", FAILED),
                    state("TIMEOUT", FAILED),
                    state("ERROR", FAILED),
                    state("EXPIRED", FAILED)),
            PollSchedule.MIN_SECONDS,
            Map.of(CostEstimator.DPU_HOURS, 0.44, CostEstimator.FLEX_DPU_HOURS, 0.29),
            (cores, memoryGb, hours) -> Map.of(CostEstimator.DPU_HOURS, Math.max(cores / 4.0, memoryGb / 16.0) * hours),
            false);

    /**
     * EMR StepState (API reference, StepStatus.State), and the cluster ending under a step that has
     * not ended (EmrStepEngine reports CLUSTER_&lt;ClusterState&gt;). A PENDING step waits in the
     * cluster's queue (its StepConcurrencyLevel; a transient cluster's start). Billed per normalized
     * instance hour: m5.xlarge, EC2 0.192 + EMR 0.048 USD an hour, normalization factor 8.
     */
    public static final EngineDescription EMR = new EngineDescription(
            Engine.EMR,
            List.of(
                    state("PENDING", QUEUED),
                    state("RUNNING", RUNNING),
                    state("CANCEL_PENDING", RUNNING),
                    state("COMPLETED", SUCCEEDED),
                    state("CANCELLED", CANCELLED),
                    state("FAILED", FAILED),
                    state("INTERRUPTED", FAILED),
                    state("CLUSTER_TERMINATING", FAILED),
                    state("CLUSTER_TERMINATED", FAILED),
                    state("CLUSTER_TERMINATED_WITH_ERRORS", FAILED)),
            PollSchedule.MIN_SECONDS,
            Map.of(CostEstimator.NORMALIZED_INSTANCE_HOURS, 0.030),
            // An xlarge instance (4 vCPU) is 8 normalized units an hour.
            (cores, memoryGb, hours) -> Map.of(CostEstimator.NORMALIZED_INSTANCE_HOURS, 8 * (cores / 4.0) * hours),
            true);

    /**
     * Apache Livy's session states ({@code org.apache.livy.sessions.SessionState}, 0.7), which its
     * batches report, on an EMR cluster. A batch goes {@code starting}, {@code running}, then
     * {@code success}, {@code dead} (the application failed) or {@code killed}; {@code recovering}
     * is a batch a restarted Livy reads back from its state store, still running on YARN as far as
     * anyone knows. {@code not_started}, {@code idle}, {@code busy} and {@code error} are
     * interactive sessions' states, mapped so that none reads as RUNNING by default. {@code
     * shutting_down} ends as {@code killed} or {@code dead}: not terminal yet. Billed as the
     * cluster's EMR instance hours.
     */
    public static final EngineDescription EMR_LIVY = new EngineDescription(
            Engine.EMR_LIVY,
            List.of(
                    state("starting", PENDING),
                    state("not_started", PENDING),
                    state("running", RUNNING),
                    state("recovering", RUNNING),
                    state("idle", RUNNING),
                    state("busy", RUNNING),
                    state("shutting_down", RUNNING),
                    state("success", SUCCEEDED),
                    state("dead", FAILED),
                    state("error", FAILED),
                    state("killed", CANCELLED)),
            PollSchedule.MIN_SECONDS,
            EMR.usdPerUnit(),
            EMR.localBilling(),
            true);

    /** The offline runner's own engine: Spark's outcome in these names, priced as EMR Serverless would bill it. */
    public static final EngineDescription LOCAL = new EngineDescription(
            Engine.LOCAL,
            List.of(
                    state("PENDING", PENDING),
                    state("RUNNING", RUNNING),
                    state("SUCCEEDED", SUCCEEDED),
                    state("FAILED", FAILED),
                    state("CANCELLED", CANCELLED)),
            1,
            EMR_SERVERLESS.usdPerUnit(),
            EngineDescriptions::workerHours,
            false);

    /** Every engine the pipeline knows, in the order people are shown them. */
    public static final List<EngineDescription> KNOWN = List.of(EMR_SERVERLESS, GLUE, EMR, EMR_LIVY, LOCAL);

    private EngineDescriptions() {}

    /** The description of a known engine. */
    public static EngineDescription of(Engine engine) {
        return KNOWN.stream()
                .filter(description -> description.engine().equals(engine))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no description of engine " + engine));
    }

    /** vCPU-hours and GB-hours of workers of these resources. */
    private static Map<String, Double> workerHours(int cores, double memoryGb, double hours) {
        return Map.of(CostEstimator.VCPU_HOURS, cores * hours, CostEstimator.GB_HOURS, memoryGb * hours);
    }
}

package dev.sparkpipeline.core.engine;

import static dev.sparkpipeline.core.engine.NormalisedState.CANCELLED;
import static dev.sparkpipeline.core.engine.NormalisedState.FAILED;
import static dev.sparkpipeline.core.engine.NormalisedState.PENDING;
import static dev.sparkpipeline.core.engine.NormalisedState.QUEUED;
import static dev.sparkpipeline.core.engine.NormalisedState.RUNNING;
import static dev.sparkpipeline.core.engine.NormalisedState.SUCCEEDED;

import dev.sparkpipeline.core.contract.Engine;
import java.util.Map;

/**
 * Every engine's raw job states mapped to {@link NormalisedState}, as data. Only an engine's own
 * success state maps to SUCCEEDED; a state this table does not know is RUNNING (non-terminal),
 * so the job's deadline, not a guess, decides when to give up on it.
 */
public final class EngineStateTable {

    /**
     * Apache Livy's session states ({@code org.apache.livy.sessions.SessionState}, 0.7), which its
     * batches report. A batch goes {@code starting}, {@code running}, then {@code success},
     * {@code dead} (the application failed) or {@code killed}; {@code recovering} is a batch a
     * restarted Livy reads back from its state store, still running on YARN as far as anyone knows.
     * {@code not_started}, {@code idle}, {@code busy} and {@code error} are interactive sessions'
     * states, mapped so that none reads as RUNNING by default. {@code shutting_down} ends as
     * {@code killed} or {@code dead}: not terminal yet. Kept here for the engine that submits
     * through Livy.
     */
    public static final Map<String, NormalisedState> LIVY = Map.ofEntries(
            Map.entry("not_started", PENDING),
            Map.entry("starting", PENDING),
            Map.entry("recovering", RUNNING),
            Map.entry("idle", RUNNING),
            Map.entry("running", RUNNING),
            Map.entry("busy", RUNNING),
            Map.entry("shutting_down", RUNNING),
            Map.entry("error", FAILED),
            Map.entry("dead", FAILED),
            Map.entry("killed", CANCELLED),
            Map.entry("success", SUCCEEDED));

    private static final Map<Engine, Map<String, NormalisedState>> TABLE = Map.of(
            // EMR Serverless JobRunState (User Guide, "Job run states"): QUEUED waits for the application's
            // concurrency (SchedulerConfiguration.MaxConcurrentRuns); SUBMITTED, PENDING and SCHEDULED are the
            // scheduler at work.
            Engine.EMR_SERVERLESS,
                    Map.of(
                            "SUBMITTED",
                            PENDING,
                            "PENDING",
                            PENDING,
                            "SCHEDULED",
                            PENDING,
                            "QUEUED",
                            QUEUED,
                            "RUNNING",
                            RUNNING,
                            "SUCCESS",
                            SUCCEEDED,
                            "FAILED",
                            FAILED,
                            "CANCELLING",
                            RUNNING,
                            "CANCELLED",
                            CANCELLED),
            // Glue JobRunState (Developer Guide, "Job run statuses"). WAITING is job run queuing (the job's
            // JobRunQueuingEnabled): a run past MaxConcurrentRuns or the account's quotas waits instead of failing.
            // STOPPED is a stop, not a success.
            Engine.GLUE,
                    Map.ofEntries(
                            Map.entry("STARTING", PENDING), Map.entry("WAITING", QUEUED),
                            Map.entry("RUNNING", RUNNING), Map.entry("STOPPING", RUNNING),
                            Map.entry("SUCCEEDED", SUCCEEDED), Map.entry("STOPPED", CANCELLED),
                            Map.entry("FAILED", FAILED), Map.entry("TIMEOUT", FAILED),
                            Map.entry("ERROR", FAILED), Map.entry("EXPIRED", FAILED)),
            // EMR StepState (API reference, StepStatus.State), and the cluster ending under a
            // step that has not ended (EmrStepEngine reports CLUSTER_<ClusterState>). A PENDING step waits in the
            // cluster's queue (its StepConcurrencyLevel; a transient cluster's start).
            Engine.EMR,
                    Map.ofEntries(
                            Map.entry("PENDING", QUEUED),
                            Map.entry("CANCEL_PENDING", RUNNING),
                            Map.entry("RUNNING", RUNNING),
                            Map.entry("COMPLETED", SUCCEEDED),
                            Map.entry("CANCELLED", CANCELLED),
                            Map.entry("FAILED", FAILED),
                            Map.entry("INTERRUPTED", FAILED),
                            Map.entry("CLUSTER_TERMINATING", FAILED),
                            Map.entry("CLUSTER_TERMINATED", FAILED),
                            Map.entry("CLUSTER_TERMINATED_WITH_ERRORS", FAILED)),
            // The local runner reports Spark's own outcome with these names.
            Engine.LOCAL,
                    Map.of(
                            "PENDING",
                            PENDING,
                            "RUNNING",
                            RUNNING,
                            "SUCCEEDED",
                            SUCCEEDED,
                            "FAILED",
                            FAILED,
                            "CANCELLED",
                            CANCELLED));

    private EngineStateTable() {}

    /** The normalised state of an engine's raw state; unknown states are RUNNING. */
    public static NormalisedState normalise(Engine engine, String rawState) {
        return TABLE.getOrDefault(engine, Map.of()).getOrDefault(rawState, RUNNING);
    }
}

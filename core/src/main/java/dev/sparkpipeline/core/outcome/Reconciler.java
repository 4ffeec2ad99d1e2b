package dev.sparkpipeline.core.outcome;

import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.engine.ExecutionClusters;
import dev.sparkpipeline.core.engine.JobEngine;
import dev.sparkpipeline.core.engine.JobEngines;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gives a fate to an execution that ended without running its Catch: aborted (StopExecution, a
 * redeploy), timed out, or failed outside a state. Its job may still be running and billing, its
 * transient cluster may still be up, and its file has no record; so the job still running for it
 * is cancelled on its engine (found by the execution's name), its clusters are terminated, and
 * its file is recorded under {@code failed/} with the reason unless already recorded. Every step
 * is idempotent: a repeated event, or a FAILED execution whose failure path already did all this,
 * changes nothing.
 */
public record Reconciler(JobEngines engines, ExecutionClusters clusters, FailureRecorder recorder) {

    /**
     * How an execution ended, as its status-change event says.
     *
     * @param name      the execution's name
     * @param status    ABORTED, TIMED_OUT or FAILED
     * @param startedAt when it started
     * @param input     its input, or null when the event carries none
     * @param error     the error of a FAILED execution, or null
     * @param cause     its cause, or null
     */
    public record Ended(
            String name, String status, Instant startedAt, ExecutionInput input, String error, String cause) {}

    /**
     * What reconciling did.
     *
     * @param cancelledJob       the job cancelled, or null when none was found
     * @param terminatedClusters the clusters terminated
     * @param failureRecord      the failure record's reason document, or null when nothing was recorded
     * @param note               why nothing was done, or null
     */
    public record Reconciliation(
            String cancelledJob, List<String> terminatedClusters, String failureRecord, String note) {}

    public Reconciliation reconcile(Ended ended) {
        if ("InvalidInput".equals(ended.error())) {
            // Refused at the first states, before any cluster or job: the caller was told, and there is nothing to
            // undo.
            return new Reconciliation(null, List.of(), null, "the input was refused before any cluster or job started");
        }
        String cancelled = null;
        if (ended.input() != null) {
            JobEngine engine = engines.get(ended.input().engine());
            Optional<JobHandle> job = engine.find(new JobRequest(
                    ended.name(), ended.input(), ended.input().job().clusterId()));
            if (job.isPresent()) {
                engine.cancel(job.get());
                cancelled = job.get().jobId();
            }
        }
        List<String> terminated = clusters.terminate(ended.name());
        if (ended.input() == null) {
            return new Reconciliation(
                    cancelled, terminated, null, "the event carries no input: the file cannot be named");
        }
        var record = recorder.record(ended.name(), ended.startedAt(), ended.input(), null, kind(ended), cause(ended));
        return new Reconciliation(cancelled, terminated, record.reasonUri(), null);
    }

    private static String kind(Ended ended) {
        return switch (ended.status()) {
            case "ABORTED" -> "ExecutionAborted";
            case "TIMED_OUT" -> "ExecutionTimedOut";
            default -> ended.error() == null ? "ExecutionFailed" : ended.error();
        };
    }

    private static String cause(Ended ended) {
        return switch (ended.status()) {
            case "ABORTED" ->
                ended.cause() != null
                        ? ended.cause()
                        : "the execution was stopped (StopExecution, or a redeploy) before it ended, so its failure path could not run";
            case "TIMED_OUT" ->
                "the execution ran past the state machine's TimeoutSeconds, so its failure path could not run";
            default -> ended.cause();
        };
    }
}

package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.engine.NormalisedState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job run on the wire, the one reader and writer of its fields: the submit and
 * track functions answer with it ({@code {"handle", "status"}}), the state machine keeps it at
 * {@code $.run} and reads the status's {@code state}, {@code nextPollSeconds} and
 * {@code timedOut}; cancel, record-failure and the local runner read it back. Nulls are written:
 * the state machine's paths fail on an absent field. A submission refused for capacity is
 * written with {@code "handle": null}.
 */
public final class JobRunJson {

    private JobRunJson() {}

    /** A job run; its status is absent before the first observation (a cancel event carries the handle alone). */
    public static JobRun read(JsonObject run) {
        JsonObject status = run.optionalObject("status");
        return new JobRun(readHandle(run.object("handle")), status == null ? null : readStatus(status));
    }

    /** A handle; one written before queues were counted waited for nothing before its submission. */
    public static JobHandle readHandle(JsonObject handle) {
        long submittedAt = handle.number("submittedAt");
        return new JobHandle(
                ExecutionInputJson.engine(handle),
                handle.string("jobId"),
                handle.string("containerId"),
                handle.string("runId"),
                submittedAt,
                handle.number("deadlineAt"),
                handle.number("queuedSince", submittedAt));
    }

    /**
     * A status; the fields an older answer lacks take their defaults ({@code terminal} follows the
     * state; nothing queued, not yet seen running).
     */
    public static JobStatus readStatus(JsonObject status) {
        NormalisedState state = status.enumValue("state", NormalisedState.class);
        return new JobStatus(
                status.string("rawState"),
                state,
                status.bool("terminal", state.terminal()),
                status.bool("timedOut", false),
                status.bool("longRunning", false),
                (int) status.number("nextPollSeconds", 0),
                status.number("elapsedSeconds", 0),
                status.optionalString("failureReason"),
                status.strings("links"),
                status.decimals("usage"),
                status.optionalDecimal("estimatedCostUsd"),
                status.number("queuedSeconds", 0),
                status.has("runningSince") ? status.number("runningSince") : null);
    }

    /** The JSON text of a function's answer. */
    public static byte[] write(JobRun run) {
        return JsonObject.write(fields(run));
    }

    public static Map<String, Object> fields(JobRun run) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("handle", run.handle() == null ? null : fields(run.handle()));
        document.put("status", run.status() == null ? null : fields(run.status()));
        return document;
    }

    public static Map<String, Object> fields(JobHandle handle) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("engine", handle.engine().name());
        document.put("jobId", handle.jobId());
        document.put("containerId", handle.containerId());
        document.put("runId", handle.runId());
        document.put("submittedAt", handle.submittedAt());
        document.put("deadlineAt", handle.deadlineAt());
        document.put("queuedSince", handle.queuedSince());
        return document;
    }

    public static Map<String, Object> fields(JobStatus status) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rawState", status.rawState());
        document.put("state", status.state().name());
        document.put("terminal", status.terminal());
        document.put("timedOut", status.timedOut());
        document.put("longRunning", status.longRunning());
        document.put("nextPollSeconds", status.nextPollSeconds());
        document.put("elapsedSeconds", status.elapsedSeconds());
        document.put("failureReason", status.failureReason());
        document.put("links", status.links());
        document.put("usage", status.usage());
        document.put("estimatedCostUsd", status.estimatedCostUsd());
        document.put("queuedSeconds", status.queuedSeconds());
        document.put("runningSince", status.runningSince());
        return document;
    }
}

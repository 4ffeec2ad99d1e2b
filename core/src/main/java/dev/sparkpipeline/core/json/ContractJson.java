package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.engine.JobHandle;
import dev.sparkpipeline.core.engine.JobRun;
import dev.sparkpipeline.core.engine.JobStatus;
import dev.sparkpipeline.core.engine.NormalisedState;
import dev.sparkpipeline.core.error.InvalidInput;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline's contracts on the wire (DESIGN §3): the execution input, and the job run that
 * submit and track return and the state machine keeps at {@code $.run}. Field names here are the
 * names the state machine's paths use.
 */
public final class ContractJson {

    private ContractJson() {
    }

    /** An execution input; engine and job settings are optional (a person may omit them). */
    public static ExecutionInput executionInput(JsonObject input) {
        JsonObject source = input.object("source");
        JsonObject job = input.optionalObject("job");
        JobSettings settings = job == null
                ? new JobSettings(JobSettings.DEFAULT_TIMEOUT_MINUTES, Map.of(), null, null)
                : new JobSettings((int) job.number("timeoutMinutes", JobSettings.DEFAULT_TIMEOUT_MINUTES),
                        job.strings("arguments"), job.optionalString("sparkSubmitParameters"), job.optionalString("clusterId"));
        return new ExecutionInput(input.string("dataset"),
                new SourceObject(source.string("bucket"), source.string("key"), source.optionalString("versionId"),
                        source.optionalString("etag"), source.number("size", 0), landedAt(source)),
                engine(input, "engine"), settings);
    }

    public static Map<String, Object> write(ExecutionInput input) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("bucket", input.source().bucket());
        source.put("key", input.source().key());
        source.put("versionId", input.source().versionId());
        source.put("etag", input.source().etag());
        source.put("size", input.source().size());
        if (input.source().landedAt() != null) {
            source.put("landedAt", input.source().landedAt().toString());
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("timeoutMinutes", input.job().timeoutMinutes());
        job.put("arguments", input.job().arguments());
        job.put("sparkSubmitParameters", input.job().sparkSubmitParameters());
        job.put("clusterId", input.job().clusterId());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("dataset", input.dataset());
        document.put("source", source);
        document.put("engine", input.engine().name());
        document.put("job", job);
        return document;
    }

    public static JobRun jobRun(JsonObject run) {
        JsonObject status = run.optionalObject("status");
        return new JobRun(handle(run.object("handle")), status == null ? null : status(status));
    }

    public static Map<String, Object> write(JobRun run) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("handle", write(run.handle()));
        document.put("status", run.status() == null ? null : write(run.status()));
        return document;
    }

    public static JobHandle handle(JsonObject handle) {
        return new JobHandle(engine(handle, "engine"), handle.string("jobId"), handle.string("containerId"),
                handle.string("runId"), handle.number("submittedAt"), handle.number("deadlineAt"));
    }

    public static Map<String, Object> write(JobHandle handle) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("engine", handle.engine().name());
        document.put("jobId", handle.jobId());
        document.put("containerId", handle.containerId());
        document.put("runId", handle.runId());
        document.put("submittedAt", handle.submittedAt());
        document.put("deadlineAt", handle.deadlineAt());
        return document;
    }

    public static JobStatus status(JsonObject status) {
        String state = status.string("state");
        NormalisedState normalised = Arrays.stream(NormalisedState.values()).filter(s -> s.name().equals(state)).findFirst()
                .orElseThrow(() -> new InvalidInput(status.path() + ".state must be one of " + Arrays.toString(NormalisedState.values())));
        return new JobStatus(status.string("rawState"), normalised, status.bool("terminal", normalised.terminal()),
                status.bool("timedOut", false), status.bool("longRunning", false), (int) status.number("nextPollSeconds", 0), status.number("elapsedSeconds", 0),
                status.optionalString("failureReason"), status.strings("links"), status.decimals("usage"),
                status.optionalDecimal("estimatedCostUsd"));
    }

    public static Map<String, Object> write(JobStatus status) {
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
        return document;
    }

    /** The execution's start time a task event carries ({@code $$.Execution.StartTime}), or null. */
    public static Instant startedAt(JsonObject event) {
        return instant(event, "startedAt");
    }

    private static Instant landedAt(JsonObject source) {
        return instant(source, "landedAt");
    }

    private static Instant instant(JsonObject object, String field) {
        String text = object.optionalString(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput((object.path().isEmpty() ? "" : object.path() + ".") + field + " must be an ISO-8601 instant such as 2026-11-22T08:15:30Z");
        }
    }

    /** An engine name; absent means the default engine. */
    private static Engine engine(JsonObject object, String field) {
        String name = object.optionalString(field);
        if (name == null) {
            return Engine.DEFAULT;
        }
        try {
            return Engine.valueOf(name);
        } catch (IllegalArgumentException e) {
            String path = object.path().isEmpty() ? field : object.path() + "." + field;
            throw new InvalidInput(path + " must be one of " + Arrays.toString(Engine.values()));
        }
    }
}

package dev.sparkpipeline.core.json;

import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.contract.ExecutionInput;
import dev.sparkpipeline.core.contract.JobSettings;
import dev.sparkpipeline.core.contract.SourceBatch;
import dev.sparkpipeline.core.contract.SourceObject;
import dev.sparkpipeline.core.error.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The execution input on the wire, the one reader and writer of its fields: the
 * validate function writes it when it starts an execution, a person may type it, and the state
 * machine, the functions and the local runner read it. Field names are the names the state
 * machine's paths use ({@code $.dataset}, {@code $.source.key}, {@code $.job.timeoutMinutes}).
 */
public final class ExecutionInputJson {

    private ExecutionInputJson() {}

    /** An execution input from its JSON text. */
    public static ExecutionInput read(byte[] json) {
        return read(JsonObject.parse(json));
    }

    /**
     * An execution input, or the execution state that carries one (other fields are the later
     * states' and are ignored). Engine and job settings are optional: a person may omit them.
     */
    public static ExecutionInput read(JsonObject input) {
        JsonObject source = input.object("source");
        JsonObject job = input.optionalObject("job");
        JobSettings settings = job == null
                ? new JobSettings(JobSettings.DEFAULT_TIMEOUT_MINUTES, Map.of(), null, null)
                : new JobSettings(
                        (int) job.number("timeoutMinutes", JobSettings.DEFAULT_TIMEOUT_MINUTES),
                        job.strings("arguments"),
                        job.optionalString("sparkSubmitParameters"),
                        job.optionalString("clusterId"));
        return new ExecutionInput(
                input.string("dataset"), source(source), engine(input), settings, batch(input.optionalObject("batch")));
    }

    /** A batch marker; a null or absent one means the source is one landed file. */
    private static SourceBatch batch(JsonObject batch) {
        if (batch == null) {
            return null;
        }
        try {
            return new SourceBatch(batch.string("id"), (int) batch.number("files"));
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInput("batch: " + malformed.getMessage());
        }
    }

    /** A landed object as inputs and batch manifests write it. */
    public static SourceObject source(JsonObject source) {
        return new SourceObject(
                source.string("bucket"),
                source.string("key"),
                source.optionalString("versionId"),
                source.optionalString("etag"),
                source.number("size", 0),
                source.optionalInstant("landedAt"));
    }

    /** A landed object's fields; an unknown landing time is left out. */
    public static Map<String, Object> source(SourceObject object) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("bucket", object.bucket());
        source.put("key", object.key());
        source.put("versionId", object.versionId());
        source.put("etag", object.etag());
        source.put("size", object.size());
        if (object.landedAt() != null) {
            source.put("landedAt", object.landedAt().toString());
        }
        return source;
    }

    /** The engine an input names; absent means the default engine. */
    static Engine engine(JsonObject object) {
        Engine engine = object.optionalEngine("engine");
        return engine == null ? Engine.DEFAULT : engine;
    }

    /** The JSON text Step Functions receives as the execution's input. */
    public static byte[] write(ExecutionInput input) {
        return JsonObject.write(fields(input));
    }

    /**
     * The input as a map of its fields, for a document that embeds it. Unset settings are written
     * as nulls, which the state machine's paths need; an unknown landing time is left out.
     */
    public static Map<String, Object> fields(ExecutionInput input) {
        Map<String, Object> source = source(input.source());
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
        if (input.batch() != null) {
            document.put(
                    "batch",
                    Map.of("id", input.batch().id(), "files", input.batch().files()));
        }
        return document;
    }
}
